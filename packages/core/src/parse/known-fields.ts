// The fields of each object the parser reads, from the Kubernetes API reference (v1.34), so
// that an unknown field can be reported as `kubectl apply --validate=strict` does. Fields we do
// not model (status, annotations, probes, ...) are listed too: they are valid, and we never
// warn about them. Each list is the complete set of fields of that API type.

/** `apiVersion`, `kind`, `metadata`, `spec`, `status`: the top level of every kind we read. */
export const OBJECT_FIELDS: readonly string[] = [
  'apiVersion',
  'kind',
  'metadata',
  'spec',
  'status',
];

/** ObjectMeta. */
export const OBJECT_META_FIELDS: readonly string[] = [
  'annotations',
  'creationTimestamp',
  'deletionGracePeriodSeconds',
  'deletionTimestamp',
  'finalizers',
  'generateName',
  'generation',
  'labels',
  'managedFields',
  'name',
  'namespace',
  'ownerReferences',
  'resourceVersion',
  'selfLink',
  'uid',
];

/** OwnerReference. */
export const OWNER_REFERENCE_FIELDS: readonly string[] = [
  'apiVersion',
  'blockOwnerDeletion',
  'controller',
  'kind',
  'name',
  'uid',
];

/** PodTemplateSpec (and CronJob's JobTemplateSpec): `metadata` and `spec`. */
export const TEMPLATE_FIELDS: readonly string[] = ['metadata', 'spec'];

/** PodSpec. */
export const POD_SPEC_FIELDS: readonly string[] = [
  'activeDeadlineSeconds',
  'affinity',
  'automountServiceAccountToken',
  'containers',
  'dnsConfig',
  'dnsPolicy',
  'enableServiceLinks',
  'ephemeralContainers',
  'hostAliases',
  'hostIPC',
  'hostNetwork',
  'hostPID',
  'hostUsers',
  'hostname',
  'hostnameOverride',
  'imagePullSecrets',
  'initContainers',
  'nodeName',
  'nodeSelector',
  'os',
  'overhead',
  'preemptionPolicy',
  'priority',
  'priorityClassName',
  'readinessGates',
  'resourceClaims',
  'resources',
  'restartPolicy',
  'runtimeClassName',
  'schedulerName',
  'schedulingGates',
  'securityContext',
  'serviceAccount',
  'serviceAccountName',
  'setHostnameAsFQDN',
  'shareProcessNamespace',
  'subdomain',
  'terminationGracePeriodSeconds',
  'tolerations',
  'topologySpreadConstraints',
  'volumes',
];

/** Container (init containers have the same fields). */
export const CONTAINER_FIELDS: readonly string[] = [
  'args',
  'command',
  'env',
  'envFrom',
  'image',
  'imagePullPolicy',
  'lifecycle',
  'livenessProbe',
  'name',
  'ports',
  'readinessProbe',
  'resizePolicy',
  'resources',
  'restartPolicy',
  'restartPolicyRules',
  'securityContext',
  'startupProbe',
  'stdin',
  'stdinOnce',
  'terminationMessagePath',
  'terminationMessagePolicy',
  'tty',
  'volumeDevices',
  'volumeMounts',
  'workingDir',
];

/** ContainerPort. */
export const CONTAINER_PORT_FIELDS: readonly string[] = [
  'containerPort',
  'hostIP',
  'hostPort',
  'name',
  'protocol',
];

/** ServiceSpec. */
export const SERVICE_SPEC_FIELDS: readonly string[] = [
  'allocateLoadBalancerNodePorts',
  'clusterIP',
  'clusterIPs',
  'externalIPs',
  'externalName',
  'externalTrafficPolicy',
  'healthCheckNodePort',
  'internalTrafficPolicy',
  'ipFamilies',
  'ipFamilyPolicy',
  'loadBalancerClass',
  'loadBalancerIP',
  'loadBalancerSourceRanges',
  'ports',
  'publishNotReadyAddresses',
  'selector',
  'sessionAffinity',
  'sessionAffinityConfig',
  'trafficDistribution',
  'type',
];

/** ServicePort. */
export const SERVICE_PORT_FIELDS: readonly string[] = [
  'appProtocol',
  'name',
  'nodePort',
  'port',
  'protocol',
  'targetPort',
];

/** NamespaceSpec. */
export const NAMESPACE_SPEC_FIELDS: readonly string[] = ['finalizers'];

/** NetworkPolicySpec. */
export const POLICY_SPEC_FIELDS: readonly string[] = [
  'egress',
  'ingress',
  'podSelector',
  'policyTypes',
];

/** NetworkPolicyIngressRule. */
export const INGRESS_RULE_FIELDS: readonly string[] = ['from', 'ports'];

/** NetworkPolicyEgressRule. */
export const EGRESS_RULE_FIELDS: readonly string[] = ['ports', 'to'];

/** NetworkPolicyPeer. */
export const PEER_FIELDS: readonly string[] = ['ipBlock', 'namespaceSelector', 'podSelector'];

/** IPBlock. */
export const IP_BLOCK_FIELDS: readonly string[] = ['cidr', 'except'];

/** NetworkPolicyPort. */
export const POLICY_PORT_FIELDS: readonly string[] = ['endPort', 'port', 'protocol'];

/** LabelSelector. */
export const SELECTOR_FIELDS: readonly string[] = ['matchExpressions', 'matchLabels'];

/** LabelSelectorRequirement. */
export const REQUIREMENT_FIELDS: readonly string[] = ['key', 'operator', 'values'];

/** The `spec` of each workload kind. */
export const WORKLOAD_SPEC_FIELDS: { readonly [kind: string]: readonly string[] } = {
  Deployment: [
    'minReadySeconds',
    'paused',
    'progressDeadlineSeconds',
    'replicas',
    'revisionHistoryLimit',
    'selector',
    'strategy',
    'template',
  ],
  ReplicaSet: ['minReadySeconds', 'replicas', 'selector', 'template'],
  ReplicationController: ['minReadySeconds', 'replicas', 'selector', 'template'],
  StatefulSet: [
    'minReadySeconds',
    'ordinals',
    'persistentVolumeClaimRetentionPolicy',
    'podManagementPolicy',
    'replicas',
    'revisionHistoryLimit',
    'selector',
    'serviceName',
    'template',
    'updateStrategy',
    'volumeClaimTemplates',
  ],
  DaemonSet: ['minReadySeconds', 'revisionHistoryLimit', 'selector', 'template', 'updateStrategy'],
  Job: [
    'activeDeadlineSeconds',
    'backoffLimit',
    'backoffLimitPerIndex',
    'completionMode',
    'completions',
    'managedBy',
    'manualSelector',
    'maxFailedIndexes',
    'parallelism',
    'podFailurePolicy',
    'podReplacementPolicy',
    'selector',
    'successPolicy',
    'suspend',
    'template',
    'ttlSecondsAfterFinished',
  ],
  CronJob: [
    'concurrencyPolicy',
    'failedJobsHistoryLimit',
    'jobTemplate',
    'schedule',
    'startingDeadlineSeconds',
    'successfulJobsHistoryLimit',
    'suspend',
    'timeZone',
  ],
};

/** NodeSpec. */
export const NODE_SPEC_FIELDS: readonly string[] = [
  'configSource',
  'externalID',
  'podCIDR',
  'podCIDRs',
  'providerID',
  'taints',
  'unschedulable',
];

/** NodeAddress. */
export const NODE_ADDRESS_FIELDS: readonly string[] = ['address', 'type'];
