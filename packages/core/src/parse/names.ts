// The name rules of k8s.io/apimachinery/pkg/util/validation, as lists of messages (empty when
// valid). Messages follow kube's wording without the trailing "regex used for validation".

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Beyond this length only the length is reported: no pattern matching on huge hostile text. */
const MAX_CHECKED = 4096;

const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name', or '123-abc')";
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')";
const DNS1035_LABEL_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name', or 'abc-123')";
const QUALIFIED_NAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue', or 'my_value', or '12345')";

function maxLen(n: number): string {
  return `must be no more than ${n} characters`;
}

function check(value: string, max: number, pattern: RegExp, message: string): string[] {
  const errors: string[] = [];
  if (value.length > max) errors.push(maxLen(max));
  if (value.length <= MAX_CHECKED && !pattern.test(value)) errors.push(message);
  return errors;
}

/** `IsDNS1123Label`: at most 63 characters of `[a-z0-9-]`, alphanumeric at both ends. */
export function dns1123LabelErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 63) errors.push(maxLen(63));
  if (value.length <= MAX_CHECKED && !DNS1123_LABEL.test(value)) {
    errors.push(DNS1123_SUBDOMAIN.test(value) ? 'must not contain dots' : DNS1123_LABEL_MSG);
  }
  return errors;
}

/** `IsDNS1123Subdomain`: at most 253 characters, dot-separated DNS-1123 labels. */
export function dns1123SubdomainErrors(value: string): string[] {
  return check(value, 253, DNS1123_SUBDOMAIN, DNS1123_SUBDOMAIN_MSG);
}

/** `IsDNS1035Label`: a DNS-1123 label that starts with a letter (Service names). */
export function dns1035LabelErrors(value: string): string[] {
  return check(value, 63, DNS1035_LABEL, DNS1035_LABEL_MSG);
}

/**
 * `IsQualifiedName` (label keys, selector keys): an optional DNS subdomain prefix and `/`, then a
 * name of at most 63 characters of `[A-Za-z0-9-_.]`, alphanumeric at both ends.
 */
export function qualifiedNameErrors(value: string): string[] {
  const parts = value.split('/');
  let name: string;
  const errors: string[] = [];
  if (parts.length === 1) {
    name = parts[0] ?? '';
  } else if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix.length === 0) errors.push('prefix part must be non-empty');
    else for (const e of dns1123SubdomainErrors(prefix)) errors.push(`prefix part ${e}`);
  } else {
    return [
      `a qualified name ${QUALIFIED_NAME_MSG} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) {
    errors.push('name part must be non-empty');
  } else {
    for (const e of check(name, 63, QUALIFIED_NAME_PART, QUALIFIED_NAME_MSG)) {
      errors.push(`name part ${e}`);
    }
  }
  return errors;
}

/** `IsValidLabelValue`: empty, or at most 63 characters of `[A-Za-z0-9-_.]`, alphanumeric ends. */
export function labelValueErrors(value: string): string[] {
  return check(value, 63, LABEL_VALUE, LABEL_VALUE_MSG);
}

/**
 * `IsValidPortName` (IANA_SVC_NAME): 1 to 15 characters of `[a-z0-9-]`, at least one letter, no
 * hyphen at either end, no two hyphens in a row.
 */
export function portNameErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 15) errors.push(maxLen(15));
  if (value.length > MAX_CHECKED) return errors;
  if (!/^[-a-z0-9]+$/.test(value)) {
    errors.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  }
  if (!/[a-z]/.test(value)) errors.push('must contain at least one letter (a-z)');
  if (value.includes('--')) errors.push('must not contain consecutive hyphens');
  if (value.startsWith('-') || value.endsWith('-')) {
    errors.push('must not begin or end with a hyphen');
  }
  return errors;
}

/** `IsValidPortNum`: 1 to 65535. */
export function portNumberErrors(value: number): string[] {
  return value >= 1 && value <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}
