// kaoping serve — the clerk's page. Plain JavaScript, no libraries, nothing
// loaded from elsewhere: every request goes to the server that sent the page.
// The page keeps, per file, the document as converted, the clerk's edits and
// the fix switch; after every change it asks /api/view for the edited document,
// its findings and the forms' layout, and draws them.
'use strict';

const T = {
  zh: {
    app: '考评表审核', offline: '本机处理 · 不联网', drop: '把收到的文件拖到这里', or: '或', choose: '选择文件',
    formats: 'PDF、文本（TXT）、Excel（XLSX）等；可一次选择多个文件。文件只在本机处理，不保存。',
    switchLang: 'English', loading: '正在读取……', docNumber: '发文字号', title: '标题', date: '成文日期',
    attachments: '附件', none: '（无）', fix: '应用确定的修复', showFixed: '显示已修复的', download: '下载',
    doubt: '表格识别可能不完整，请对照原件核对', page: '第 {n} 页',
    findings: '审核发现', flagged: '处有问题的单元格', error: '错误', warning: '警告', info: '提示', fixed: '已修复',
    notice: '通知', line: '第 {n} 行', computed: '计 {n}', edited: '已修改 {n} 处', undo: '撤销修改',
    remove: '关闭', failed: '请求失败：', noForms: '未找到考评表', editHint: '点击白色单元格即可修改（回车确认，Esc 取消）',
    issuerMark: '发文机关标志', recipients: '主送机关', outline: '正文层次', body: '正文', signer: '落款', dateText: '成文日期',
  },
  en: {
    app: 'Assessment form review', offline: 'processed on this machine · offline', drop: 'Drop the files you received here',
    or: 'or', choose: 'Choose files',
    formats: 'PDF, text (TXT), Excel (XLSX) and more; several at once. Files are processed on this machine and not kept.',
    switchLang: '中文', loading: 'Reading…', docNumber: 'Doc. number', title: 'Title', date: 'Date',
    attachments: 'Attachments', none: '(none)', fix: 'Apply certain fixes', showFixed: 'Show fixed', download: 'Download',
    doubt: 'The table may not have been read completely; check it against the original', page: 'page {n}',
    findings: 'Findings', flagged: 'cells flagged', error: 'error', warning: 'warning', info: 'info', fixed: 'fixed',
    notice: 'notice', line: 'line {n}', computed: 'sum {n}', edited: '{n} edits', undo: 'Undo edits',
    remove: 'Close', failed: 'Request failed: ', noForms: 'No form found', editHint: 'Click a cell to edit it (Enter to confirm, Esc to cancel)',
    issuerMark: 'Issuer mark', recipients: 'Addressees', outline: 'Outline', body: 'Body text', signer: 'Signature', dateText: 'Date',
  },
};

const columnNames = {
  category: '项目', id: '序号', basis: '文件依据', indicator: '一级指标', item: '二级指标', weight: '权重',
  deadline: '完成时限', leaders: '分管领导', departments: '责任部门', owners: '责任人',
};

let lang = localStorage.getItem('kaoping-lang') === 'en' ? 'en' : 'zh';
const entries = [];
let nextId = 1;

function t(key, n) {
  const s = T[lang][key] || key;
  return n === undefined ? s : s.replace('{n}', n);
}

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids.flat()) {
    if (k === null || k === undefined || k === false) continue;
    e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  }
  return e;
}

function message(obj) {
  if (!obj) return '';
  return lang === 'en' && obj.messageEn ? obj.messageEn : obj.message;
}

// The session token every POST carries (the server refuses cross-site
// requests and POSTs without it). A server restarted while the page stays
// open has a new one: a refusal for the token fetches it again, once.
let token = null;
async function sessionToken(fresh) {
  if (token === null || fresh) {
    const res = await fetch('/api/token');
    if (!res.ok) throw { message: T.zh.failed + res.status, messageEn: T.en.failed + res.status };
    token = await res.text();
  }
  return token;
}

// api posts body to path and returns the response, or throws the server's
// error ({code, message, messageEn}).
async function api(path, body, json) {
  let res;
  for (let attempt = 0; ; attempt++) {
    const init = { method: 'POST', body, headers: {} };
    if (json) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    try {
      init.headers['X-Kaoping-Token'] = await sessionToken(attempt > 0);
      res = await fetch(path, init);
    } catch (e) {
      if (e && e.message !== undefined && e.messageEn !== undefined) throw e;
      throw { message: T.zh.failed + e, messageEn: T.en.failed + e };
    }
    if (res.status !== 403 || attempt > 0) break;
    const again = await res.clone().json().catch(() => null);
    if (!again || !again.error || again.error.code !== 'bad-token') break;
  }
  if (!res.ok) {
    let err;
    try { err = (await res.json()).error; } catch (e) { err = null; }
    throw err || { message: T.zh.failed + res.status, messageEn: T.en.failed + res.status };
  }
  return res;
}

function addFiles(files) {
  for (const file of files) {
    const entry = { id: nextId++, name: file.name, base: null, edits: [], fix: false, showFixed: false, view: null, error: null, seq: 0 };
    entries.push(entry);
    entry.node = el('article', { class: 'doc', id: 'doc-' + entry.id });
    document.getElementById('docs').prepend(entry.node);
    draw(entry);
    convert(entry, file);
  }
}

async function convert(entry, file) {
  const fd = new FormData();
  fd.append('file', file, file.name);
  try {
    entry.base = await (await api('/api/convert', fd)).json();
    await refresh(entry);
  } catch (e) {
    entry.error = e;
    draw(entry);
  }
}

// refresh asks the server to apply the edits (and fixes) and audit the
// result. It reports whether the server accepted them.
async function refresh(entry) {
  const seq = ++entry.seq;
  entry.node.classList.add('busy');
  let ok = true;
  try {
    const res = await api('/api/view', { document: entry.base, edits: entry.edits, fix: entry.fix }, true);
    const view = await res.json();
    if (seq !== entry.seq) return true;
    entry.view = view;
    entry.error = null;
  } catch (e) {
    if (seq !== entry.seq) return true;
    entry.error = e;
    ok = false;
  }
  entry.node.classList.remove('busy');
  draw(entry);
  return ok;
}

// commitEdit adds one edit; one the server refuses is dropped again, so the
// next change does not fail on it too. The message stays on the page.
async function commitEdit(entry, edit) {
  entry.edits.push(edit);
  if (!(await refresh(entry))) {
    entry.edits.splice(entry.edits.indexOf(edit), 1);
    draw(entry);
  }
}

async function download(entry, to) {
  try {
    const res = await api('/api/render?to=' + to, entry.view.document, true);
    const blob = await res.blob();
    const cd = res.headers.get('Content-Disposition') || '';
    const m = /filename\*=UTF-8''([^;]+)/.exec(cd);
    const name = m ? decodeURIComponent(m[1]) : 'kaoping.' + to;
    const a = el('a', { href: URL.createObjectURL(blob), download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  } catch (e) {
    entry.error = e;
    draw(entry);
  }
}

function countBySeverity(findings) {
  const c = { error: 0, warning: 0, info: 0, fixed: 0 };
  for (const f of findings) {
    if (f.fixed) c.fixed++;
    else c[f.severity]++;
  }
  return c;
}

function rank(sev) { return { error: 3, warning: 2, info: 1 }[sev] || 0; }

function draw(entry) {
  const n = entry.node;
  n.replaceChildren();
  const head = el('header', null, el('h2', null, entry.name));
  n.append(head);
  if (!entry.view) {
    if (entry.error) n.append(el('div', { class: 'error-box', role: 'alert' }, message(entry.error)));
    else n.append(el('p', { class: 'loading' }, t('loading')));
    head.append(el('button', { type: 'button', class: 'btn ghost', onclick: () => closeEntry(entry) }, t('remove')));
    return;
  }
  const view = entry.view;
  const doc = view.document;
  const c = countBySeverity(view.document.findings);
  const flaggedSpan = el('span', { class: 'flagged-count' }, '0');
  head.append(el('span', { class: 'counts' },
    el('span', null, el('span', { class: 'badge error' }, t('error')), ' ', c.error),
    el('span', null, el('span', { class: 'badge warning' }, t('warning')), ' ', c.warning),
    el('span', null, el('span', { class: 'badge info' }, t('info')), ' ', c.info),
    el('span', null, el('span', { class: 'badge fixed' }, t('fixed')), ' ', c.fixed),
    el('span', { class: 'flagged' }, '· ', flaggedSpan, ' ', t('flagged'))));
  head.append(el('button', { type: 'button', class: 'btn ghost', onclick: () => closeEntry(entry) }, t('remove')));
  if (entry.error) n.append(el('div', { class: 'error-box', role: 'alert' }, message(entry.error)));
  const banner = doubtBanner(view.document.findings);
  if (banner) n.append(banner);
  n.append(noticeSummary(doc.notice));

  const toolbar = el('div', { class: 'toolbar' },
    el('label', null, el('input', { type: 'checkbox', class: 'fix-switch', checked: entry.fix,
      onchange: (ev) => { entry.fix = ev.target.checked; refresh(entry); } }), ' ', t('fix')),
    el('label', null, el('input', { type: 'checkbox', class: 'show-fixed', checked: entry.showFixed,
      onchange: (ev) => { entry.showFixed = ev.target.checked; draw(entry); } }), ' ', t('showFixed')),
    entry.edits.length ? el('span', { class: 'edited' }, t('edited', entry.edits.length), ' ',
      el('button', { type: 'button', class: 'btn', onclick: () => { entry.edits = []; refresh(entry); } }, t('undo'))) : null,
    el('span', { class: 'hint' }, t('editHint')),
    el('span', { class: 'spacer' }),
    t('download'),
    ['json', 'xlsx', 'pdf'].map((to) => el('button', { type: 'button', class: 'btn download', 'data-to': to,
      onclick: () => download(entry, to) }, { json: 'JSON', xlsx: 'Excel', pdf: 'PDF' }[to])));
  n.append(toolbar);

  const cellOf = {}; // finding index → cell id
  const tables = el('div', null);
  if (!view.forms.length) tables.append(el('p', { class: 'loading' }, t('noForms')));
  view.forms.forEach((fv, fi) => tables.append(formTable(entry, fv, fi, view.document.findings, cellOf)));
  n.append(el('div', { class: 'layout' }, tables, findingsList(entry, view, cellOf)));
  flaggedSpan.textContent = String(n.querySelectorAll('td.flag').length);
}

// doubtBanner warns that a table may have been misread (reading-doubt
// findings) and lists the places to check against the original.
function doubtBanner(findings) {
  const places = [];
  (findings || []).forEach((f) => {
    if (f.rule !== 'reading-doubt') return;
    const at = f.at || {};
    const p = [at.page != null ? t('page', at.page) : '', at.row || '', at.column ? (lang === 'zh' && columnNames[at.column]) || at.column : '']
      .filter((x) => x).join(' ');
    if (!places.includes(p)) places.push(p);
  });
  if (!places.length) return null;
  return el('div', { class: 'doubt-box', role: 'alert' }, el('strong', null, t('doubt')), lang === 'zh' ? '：' : ': ', places.join(lang === 'zh' ? '；' : '; '));
}

function closeEntry(entry) {
  entry.node.remove();
  entries.splice(entries.indexOf(entry), 1);
}

function noticeSummary(nt) {
  const dl = el('dl', { class: 'notice' });
  const row = (k, v) => dl.append(el('dt', null, t(k)), el('dd', { 'data-field': k }, v || t('none')));
  nt = nt || {};
  row('docNumber', nt.docNumber && nt.docNumber.text);
  row('title', nt.title);
  row('date', nt.dateText || nt.date);
  row('attachments', (nt.attachments || []).map((a) => (nt.attachments.length > 1 ? a.number + '. ' : '') + a.name).join('；'));
  return dl;
}

function formTable(entry, fv, fi, findings, cellOf) {
  const wrap = el('section', { class: 'form-block' });
  wrap.append(el('div', { class: 'form-head' }, el('div', { class: 'att' }, fv.attachment), el('h3', null, fv.title)),
    el('div', { class: 'form-meta' }, el('span', null, fv.unit), el('span', null, fv.date)));
  const table = el('table', { class: 'form' });
  const colgroup = el('colgroup');
  for (const key of fv.columns) colgroup.append(el('col', { class: 'k-' + key.replace(/[^a-z]/g, '') }));
  table.append(colgroup);
  const thead = el('thead');
  const tbody = el('tbody');
  const trs = [];
  for (let r = 0; r < fv.rows; r++) {
    trs.push(el('tr'));
    (r < fv.headerRows ? thead : tbody).append(trs[r]);
  }
  for (const c of fv.cells) {
    const id = `d${entry.id}-f${fi}-r${c.r}-c${c.c}`;
    const header = c.kind === 'header';
    const cell = el(header ? 'th' : 'td', { id, class: c.kind, rowspan: c.rs > 1 ? c.rs : null, colspan: c.cs > 1 ? c.cs : null,
      'data-key': fv.columns[c.c] });
    cell.append(c.text);
    if (c.kind === 'total' && c.computed !== undefined && String(c.computed) !== c.text) {
      cell.append(el('span', { class: 'computed' }, t('computed', +c.computed.toFixed(2))));
    }
    const fs = (c.findings || []).map((i) => [i, findings[i]]);
    const open = fs.filter(([, f]) => !f.fixed);
    if (fs.length) {
      for (const [i] of fs) cellOf[i] = id;
      cell.title = fs.map(([, f]) => (f.fixed ? '✓ ' : '') + `[${t(f.severity)}] ${message(f)}`).join('\n');
    }
    if (open.length) {
      const worst = open.reduce((a, [, f]) => (rank(f.severity) > rank(a) ? f.severity : a), 'info');
      cell.classList.add('flag', worst);
      cell.dataset.findings = String(open.length);
    } else if (fs.length) {
      cell.classList.add('fixed-mark');
    }
    if (c.edit) makeEditable(entry, cell, c.edit, c.text);
    trs[c.r].append(cell);
  }
  table.append(thead, tbody);
  wrap.append(el('div', { class: 'table-wrap' }, table), el('div', { class: 'sig' }, fv.signatures));
  return wrap;
}

function makeEditable(entry, cell, edit, text) {
  cell.contentEditable = 'plaintext-only';
  cell.spellcheck = false;
  cell.dataset.editColumn = edit.column;
  cell.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.shiftKey) { ev.preventDefault(); cell.blur(); }
    if (ev.key === 'Escape') { cell.textContent = text; cell.blur(); }
  });
  cell.addEventListener('blur', () => {
    const value = cell.textContent.trim();
    if (value === text.trim()) return;
    commitEdit(entry, Object.assign({}, edit, { value }));
  });
}

function where(f, doc) {
  const at = f.at || {};
  if (at.form === undefined || at.form === null) {
    return t('notice') + (at.line ? ' ' + t('line', at.line) : '') + (at.element ? ' ' + t(at.element) : '');
  }
  const form = doc.forms[at.form] || {};
  const col = at.column ? ((form.headers && form.headers[at.column]) || columnNames[at.column] || at.column) : '';
  // A row without a 序号 can only be found by its line.
  const row = at.row || (at.line ? t('line', at.line) : '');
  return [doc.forms.length > 1 ? '#' + (at.form + 1) : '', row, col].filter(Boolean).join(' · ');
}

function findingsList(entry, view, cellOf) {
  const box = el('section', { class: 'findings' + (entry.showFixed ? '' : ' hide-fixed') });
  const open = view.document.findings.filter((f) => !f.fixed).length;
  box.append(el('h4', null, t('findings'), ' ', el('span', { class: 'findings-count' }, String(open))));
  const ol = el('ol');
  view.document.findings.forEach((f, i) => {
    const target = cellOf[i];
    const li = el('li', { class: (target ? 'link' : '') + (f.fixed ? ' is-fixed' : ''), 'data-rule': f.rule, 'data-cell': target },
      el('span', { class: 'badge ' + (f.fixed ? 'fixed' : f.severity) }, f.fixed ? t('fixed') : t(f.severity)),
      el('span', { class: 'where' }, where(f, view.document)),
      message(f));
    li.title = f.rule;
    if (target) {
      li.addEventListener('click', () => {
        const cell = document.getElementById(target);
        if (!cell) return;
        cell.scrollIntoView({ block: 'center', inline: 'nearest' });
        cell.classList.remove('pulse');
        void cell.offsetWidth;
        cell.classList.add('pulse');
      });
    }
    ol.append(li);
  });
  box.append(ol);
  return box;
}

function applyLang() {
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
  const b = document.getElementById('lang');
  b.textContent = t('switchLang');
  b.lang = lang === 'en' ? 'zh-CN' : 'en';
  for (const entry of entries) draw(entry);
}

document.getElementById('lang').addEventListener('click', () => {
  lang = lang === 'en' ? 'zh' : 'en';
  localStorage.setItem('kaoping-lang', lang);
  applyLang();
});

const drop = document.getElementById('drop');
document.getElementById('file').addEventListener('change', (ev) => { addFiles(ev.target.files); ev.target.value = ''; });
for (const type of ['dragenter', 'dragover']) {
  window.addEventListener(type, (ev) => { ev.preventDefault(); drop.classList.add('over'); });
}
window.addEventListener('dragleave', (ev) => { if (!ev.relatedTarget) drop.classList.remove('over'); });
window.addEventListener('drop', (ev) => {
  ev.preventDefault();
  drop.classList.remove('over');
  if (ev.dataTransfer && ev.dataTransfer.files.length) addFiles(ev.dataTransfer.files);
});
applyLang();
