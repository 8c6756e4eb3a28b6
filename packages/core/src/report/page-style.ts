/**
 * The page's stylesheet. Colours: the heatmap uses viridis steps (readable with every common
 * colour-vision deficiency, and in greyscale), diff mode Okabe-Ito blue for added and
 * vermillion for removed, with a sign and a dash pattern as well as the colour. The print
 * rules keep the summary, heatmap and lists and drop the interactive parts.
 */
export const PAGE_STYLE: string = `
:root{--fg:#1b1b1b;--muted:#555;--line:#ccc;--bg:#fff;--accent:#0b5cad;--added:#0072b2;--removed:#d55e00;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
body{margin:0 auto;max-width:1400px;padding:1rem 1.5rem}
h1{font-size:1.5rem;margin:.2rem 0}
h2{font-size:1.2rem;border-bottom:1px solid var(--line);padding-bottom:.2rem;margin-top:1.6rem}
.profile{color:var(--muted);margin:.2rem 0 1rem}
section{margin-bottom:1rem}
.cards{display:flex;flex-wrap:wrap;gap:.6rem}
.card{border:1px solid var(--line);border-radius:6px;padding:.5rem .8rem;min-width:7rem}
.card b{display:block;font-size:1.4rem}
table{border-collapse:collapse}
td,th{padding:.15rem .4rem;text-align:left;vertical-align:top}
.list td,.list th{border-bottom:1px solid #eee}
.heatmap{font-size:.75rem}
.heatmap th.col{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;max-height:10rem}
.heatmap td{padding:0}
.heatmap button{width:2.2rem;height:1.6rem;border:1px solid #fff;font:inherit;font-size:.65rem;cursor:pointer;padding:0}
.heatmap button:focus{outline:3px solid #000;outline-offset:-2px}
.heatmap button[aria-pressed=true]{outline:3px solid var(--accent);outline-offset:-3px}
.legend{display:flex;gap:.3rem;align-items:center;font-size:.75rem;margin:.4rem 0}
.legend span{display:inline-block;padding:.1rem .4rem}
.controls{display:flex;flex-wrap:wrap;gap:.8rem;align-items:end;margin:.4rem 0}
.controls label{display:flex;flex-direction:column;font-size:.8rem;color:var(--muted)}
input,select,button{font:inherit}
input[type=text]{min-width:14rem}
#graph-wrap{position:relative;border:1px solid var(--line);height:620px}
#graph{width:100%;height:100%;display:block;cursor:grab}
#graph-info{font-size:.8rem;color:var(--muted)}
pre{background:#f6f6f6;padding:.6rem;white-space:pre-wrap;overflow-wrap:anywhere}
.added{color:var(--added)}.removed{color:var(--removed)}
.sev-error{color:#a00;font-weight:600}.sev-warning{color:#8a5a00}.sev-info{color:var(--muted)}
.two{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1.2rem}
.scroll{max-height:24rem;overflow:auto}
@media print{
 #graph-section,#query-section,.controls,#loading{display:none!important}
 body{max-width:none;padding:0;font-size:10pt}
 .scroll{max-height:none;overflow:visible}
 .heatmap button{border:1px solid #999;print-color-adjust:exact;-webkit-print-color-adjust:exact}
 a{color:inherit;text-decoration:none}
}
`;
