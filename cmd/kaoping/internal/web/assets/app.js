// kaoping serve — the clerk's page. Plain JavaScript, no libraries, nothing
// loaded from elsewhere: every request goes to the server that sent the page.
//
// The page keeps, per file, the document as converted, the clerk's edits in
// order (and the ones undone, for redo) and the fix switch; after every change
// it asks /api/view for the edited document, its findings and the forms'
// layout, and draws them. The drawing keeps the clerk's place: the cell the
// keyboard is on, the scroll of the table and of the findings. The edits are
// kept as a draft in this browser's localStorage (on the clerk's machine; the
// server keeps nothing), so a reload or a closed tab loses no work.
'use strict';

const T = {
  zh: {
    app: '考评表审核', offline: '本机处理 · 不联网', drop: '把收到的文件拖到这里', or: '或', choose: '选择文件',
    formats: 'PDF、TXT、Excel（XLSX、XLS、ET）、Word（DOCX、DOC、WPS）、OFD、ODT/ODS、扫描图片（JPG、PNG、TIF，文字识别），以及下载过的 JSON；可一次选择多个。文件只在本机处理，不保存。',
    switchLang: 'English', loading: '正在读取……', uploading: '正在上传……', converting: '正在转换……已用 {n} 秒', recognizing: '正在识别第 {k} / {n} 页……已用 {s} 秒',
    cancel: '取消', cancelled: '已取消读取', docNumber: '发文字号', title: '标题', date: '成文日期',
    attachments: '附件', none: '（无）', fix: '应用确定的修复', download: '下载',
    findings: '审核发现', flagged: '处有问题的单元格', error: '错误', warning: '警告', info: '提示', fixed: '已修复',
    notice: '通知', line: '第 {n} 行', computed: '计 {n}', edited: '已修改 {n} 处', undo: '撤销', redo: '重做',
    remove: '关闭', failed: '请求失败：', noForms: '未找到考评表',
    issuerMark: '发文机关标志', recipients: '主送机关', outline: '正文层次', body: '正文', signer: '落款', dateText: '成文日期',
    keysButton: '快捷键',
    keys: '方向键移动 · Enter 或 F2 修改，Enter 确认并下移，Tab 确认并右移，Esc 取消 · F8 / Shift+F8 下一个 / 上一个问题 · Ctrl+Z / Ctrl+Y 撤销 / 重做',
    resumeTitle: '继续上次的编辑', resume: '继续上次的编辑', discard: '丢弃草稿', draftOf: '{name}：已修改 {n} 处，保存于 {t}',
    files: '文件', severity: '显示', column: '列', allOpen: '未解决的全部', allFindings: '全部（含已修复）', allColumns: '全部列',
    noCell: '（无单元格）', preview: '打印预览', closePreview: '关闭预览',
    clean: '审核通过：未发现错误或警告。', cleanInfo: '审核通过：未发现错误或警告，另有 {n} 条提示。',
    summary: '{e} 个错误、{w} 个警告、{i} 条提示', readDone: '已读取 {name}：{s}',
    editDone: '已修改 {where}：{from} → {to}。{s}', undone: '已撤销 {where}：{to} → {from}。{s}', redone: '已重做 {where}：{from} → {to}。{s}',
    nothingUndo: '没有可撤销的修改', nothingRedo: '没有可重做的修改', noFindings: '没有符合条件的审核发现',
    findingN: '第 {i}/{n} 条：', refusedCell: '未被接受：{m}', editedMark: '已修改（原为「{n}」）',
    unsaved: '有修改尚未下载', draftFull: '草稿无法保存（浏览器存储已满）：请及时下载',
    closeConfirm: '「{name}」有未下载的修改，关闭后仍保留为草稿。确定关闭？',
    doubtTitle: '表格识别可能不完整，请对照原件核对', doubtBody: '{n} 处单元格可能读错（{rules}）：{places}', pageN: '第 {n} 页',
    gridLabel: '考评表：{t}', findingsLabel: '审核发现列表', cellFindings: '问题：{m}', empty: '（空）',
    rule: '规则', goCell: 'Enter 转到单元格',
    compare: '比较', compareHint: '与「{old}」比较：列出两个版本的差别', compareTitle: '「{old}」→「{new}」的变更',
    noChanges: '两个版本没有差别', changesN: '共 {n} 处变更', closeCompare: '关闭',
    joined: '已合并：{names}', split: '分开', splitHint: '把合并的正文和附件分回各自的标签页', splitDone: '已分开：{names}',
    splitConfirm: '「{name}」的修改在分开后不再保留。确定分开？',
  },
  en: {
    app: 'Assessment form review', offline: 'processed on this machine · offline', drop: 'Drop the files you received here',
    or: 'or', choose: 'Choose files',
    formats: 'PDF, TXT, Excel (XLSX, XLS, ET), Word (DOCX, DOC, WPS), OFD, ODT/ODS, scanned images (JPG, PNG, TIF, by OCR) and downloaded JSON; several at once. Files are processed on this machine and not kept.',
    switchLang: '中文', loading: 'Reading…', uploading: 'Uploading…', converting: 'Converting… {n} s', recognizing: 'Recognising page {k} of {n}… {s} s',
    cancel: 'Cancel', cancelled: 'Reading cancelled', docNumber: 'Doc. number', title: 'Title', date: 'Date',
    attachments: 'Attachments', none: '(none)', fix: 'Apply certain fixes', download: 'Download',
    findings: 'Findings', flagged: 'cells flagged', error: 'error', warning: 'warning', info: 'info', fixed: 'fixed',
    notice: 'notice', line: 'line {n}', computed: 'sum {n}', edited: 'edits: {n}', undo: 'Undo', redo: 'Redo',
    remove: 'Close', failed: 'Request failed: ', noForms: 'No form found',
    issuerMark: 'Issuer mark', recipients: 'Addressees', outline: 'Outline', body: 'Body text', signer: 'Signature', dateText: 'Date',
    keysButton: 'Keys',
    keys: 'Arrows move · Enter or F2 edits, Enter confirms and moves down, Tab confirms and moves right, Esc cancels · F8 / Shift+F8 next / previous problem · Ctrl+Z / Ctrl+Y undo / redo',
    resumeTitle: 'Continue where you left off', resume: 'Continue editing', discard: 'Discard draft', draftOf: '{name}: {n} edits, saved {t}',
    files: 'Files', severity: 'Show', column: 'Column', allOpen: 'All open', allFindings: 'All (with fixed)', allColumns: 'All columns',
    noCell: '(no cell)', preview: 'Print preview', closePreview: 'Close preview',
    clean: 'Passed: no errors or warnings found.', cleanInfo: 'Passed: no errors or warnings; {n} notes.',
    summary: '{e} errors, {w} warnings, {i} notes', readDone: 'Read {name}: {s}',
    editDone: 'Changed {where}: {from} → {to}. {s}', undone: 'Undid {where}: {to} → {from}. {s}', redone: 'Redid {where}: {from} → {to}. {s}',
    nothingUndo: 'Nothing to undo', nothingRedo: 'Nothing to redo', noFindings: 'No findings match',
    findingN: '{i} of {n}: ', refusedCell: 'Not accepted: {m}', editedMark: 'Edited (was “{n}”)',
    unsaved: 'Edits not downloaded yet', draftFull: 'The draft cannot be saved (browser storage full): download your work',
    closeConfirm: '“{name}” has edits not downloaded; they stay as a draft. Close it?',
    doubtTitle: 'The table may not have been read completely; check it against the original', doubtBody: '{n} cells may be misread ({rules}): {places}', pageN: 'page {n}',
    gridLabel: 'Form: {t}', findingsLabel: 'Findings list', cellFindings: 'Problems: {m}', empty: '(empty)',
    rule: 'rule', goCell: 'Enter goes to the cell',
    compare: 'Compare', compareHint: 'Compare with “{old}”: list what changed', compareTitle: 'Changes from “{old}” to “{new}”',
    noChanges: 'The two versions do not differ', changesN: '{n} changes', closeCompare: 'Close',
    joined: 'Joined: {names}', split: 'Split', splitHint: 'Split the joined 正文 and 附件 back into tabs of their own', splitDone: 'Split: {names}',
    splitConfirm: 'The edits of “{name}” are not kept when it is split. Split it?',
  },
};

const columnNames = {
  zh: { category: '项目', id: '序号', basis: '文件依据', indicator: '一级指标', item: '二级指标', weight: '权重',
    deadline: '完成时限', leaders: '分管领导', departments: '责任部门', owners: '责任人', group: '分组', total: '合计', 'total-label': '合计名称' },
  en: { category: 'category', id: 'No.', basis: 'basis', indicator: 'indicator', item: 'item', weight: 'weight',
    deadline: 'deadline', leaders: 'leaders', departments: 'departments', owners: 'owners', group: 'group', total: 'total', 'total-label': 'total label' },
};

// Rules that say the reading itself is unsure (a garbled PDF, an OCR guess):
// they get a banner and a distinct cell mark, whatever their severity.
const DOUBT_RULES = ['reading-doubt', 'low-confidence'];
const DRAFT_PREFIX = 'kaoping-draft:';

let lang = localStorage.getItem('kaoping-lang') === 'en' ? 'en' : 'zh';
const entries = [];
let active = null; // the entry shown
let nextId = 1;

function t(key, vars) {
  let s = T[lang][key] || key;
  if (vars === undefined) return s;
  if (typeof vars !== 'object') vars = { n: vars };
  return s.replace(/\{(\w+)\}/g, (m, k) => (vars[k] === undefined ? m : String(vars[k])));
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

function announce(s) {
  const live = document.getElementById('live');
  live.textContent = '';
  // a new node each time, so the same sentence twice is read twice
  setTimeout(() => { live.textContent = s; }, 30);
}

// ---- the server ----------------------------------------------------------

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

function netError(e) { return { message: T.zh.failed + e, messageEn: T.en.failed + e }; }

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
      throw netError(e);
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

// upload sends a file to /api/convert with XMLHttpRequest, for the upload's
// progress; entry.abort cancels it (the server then stops the conversion).
function upload(entry, file) {
  return new Promise((resolve, reject) => {
    const go = (tok, retried) => {
      const xhr = new XMLHttpRequest();
      entry.abort = () => xhr.abort();
      xhr.open('POST', '/api/convert');
      xhr.setRequestHeader('X-Kaoping-Token', tok);
      // the job's name, to ask the server which page OCR is on (pollOCR)
      if (entry.loading) xhr.setRequestHeader('X-Kaoping-Job', entry.loading.job);
      xhr.responseType = 'json';
      xhr.upload.onprogress = (ev) => { if (ev.lengthComputable) progress(entry, ev.loaded / ev.total); };
      xhr.upload.onload = () => progress(entry, 1);
      xhr.onerror = () => reject(netError('network'));
      xhr.onabort = () => reject({ code: 'cancelled', message: T.zh.cancelled, messageEn: T.en.cancelled });
      xhr.onload = () => {
        const body = xhr.response;
        if (xhr.status === 200 && body) return resolve(body);
        const err = body && body.error;
        if (xhr.status === 403 && err && err.code === 'bad-token' && !retried) {
          sessionToken(true).then((tk) => go(tk, true), reject);
          return;
        }
        reject(err || { message: T.zh.failed + xhr.status, messageEn: T.en.failed + xhr.status });
      };
      const fd = new FormData();
      fd.append('file', file, file.name);
      xhr.send(fd);
    };
    sessionToken(false).then((tk) => go(tk, false), reject);
  });
}

// ---- entries ---------------------------------------------------------------

function newEntry(name) {
  const entry = {
    id: nextId++, name, base: null, edits: [], redo: [], fix: false, view: null, error: null, seq: 0,
    filter: { sev: 'open', col: 'all' }, cursor: null, finding: -1, editing: null, pending: false,
    dirty: false, refused: null, loading: null,
  };
  entry.node = el('section', { class: 'doc', id: 'doc-' + entry.id, role: 'tabpanel', 'aria-labelledby': 'tab-' + entry.id });
  entries.push(entry);
  document.getElementById('docs').append(entry.node); // files keep the order chosen
  return entry;
}

function addFiles(files) {
  const group = [];
  const jobs = [];
  for (const file of files) {
    const entry = newEntry(file.name);
    group.push(entry);
    entry.loading = { started: Date.now(), uploaded: 0, job: jobName(), ocr: null };
    draw(entry);
    jobs.push(convert(entry, file));
  }
  if (group.length) show(group[0]);
  if (group.length > 1) Promise.all(jobs).then(() => joinDropped(group));
}

// joinDropped makes one tab of a 正文 and the 附件 its 附件说明 names,
// dropped together, as `kaoping convert` pairs files given together (POST
// /api/pair, the same pairing) and joins them (POST /api/join, the same join
// and audit): the 正文 leads, its 附件 follow in the 附件说明's order.
// 「分开」 (splitJoined) gives each file its tab back.
async function joinDropped(group) {
  const read = group.filter((e) => entries.includes(e) && e.base && e.view && !e.edits.length && !e.joined);
  if (read.length < 2) return;
  let pairs;
  try {
    pairs = await (await api('/api/pair', { documents: read.map((e) => e.base) }, true)).json();
  } catch (e) {
    announce(message(e));
    return;
  }
  for (const g of pairs.groups) {
    if (g.parts && g.parts.length) await joinGroup(read[g.main], g.parts.map((i) => read[i]));
  }
}

// joinGroup joins the tabs of one 正文 and its 附件 into the 正文's.
async function joinGroup(main, parts) {
  const files = [main, ...parts].map((e) => ({ name: e.name, base: e.base }));
  let view;
  try {
    view = await (await api('/api/join', { documents: files.map((f) => f.base) }, true)).json();
  } catch (e) {
    announce(message(e));
    return;
  }
  if (!entries.includes(main) || main.edits.length) return; // closed or edited meanwhile
  for (const p of parts) {
    if (!entries.includes(p)) continue;
    if (!p.dirty) removeDraft(draftKey(p));
    p.node.remove();
    entries.splice(entries.indexOf(p), 1);
  }
  main.joined = files;
  main.name = files.map((f) => f.name).join(' + ');
  main.base = view.document;
  main.view = { document: view.document, forms: view.forms };
  main.cursor = null;
  main.finding = -1;
  draw(main);
  show(main);
  announce(t('joined', { names: main.name }));
}

// splitJoined undoes joinDropped: the files of the joined tab are each read
// as they were converted, in tabs of their own where the joined one stood.
async function splitJoined(entry) {
  if (entry.edits.length && !confirm(t('splitConfirm', { name: entry.name }))) return;
  removeDraft(draftKey(entry));
  const files = entry.joined;
  Object.assign(entry, { joined: null, name: files[0].name, base: files[0].base, view: null, edits: [], redo: [], fix: false,
    dirty: false, refused: null, cursor: null, finding: -1, error: null });
  const again = [entry];
  for (const f of files.slice(1)) {
    const e = newEntry(f.name); // appended; moved to stand after the last one split off
    e.base = f.base;
    entries.splice(entries.indexOf(e), 1);
    entries.splice(entries.indexOf(again[again.length - 1]) + 1, 0, e);
    again[again.length - 1].node.after(e.node);
    again.push(e);
  }
  show(entry);
  await Promise.all(again.map(refresh));
  document.getElementById('tab-' + entry.id).focus();
  announce(t('splitDone', { names: files.map((f) => f.name).join('、') }));
}

async function convert(entry, file) {
  const tick = setInterval(() => { if (entry.loading) { pollOCR(entry); drawLoading(entry); } }, 1000);
  try {
    entry.base = await upload(entry, file);
    entry.loading = null;
    const draft = loadDraft(draftKey(entry));
    if (draft && draft.edits && draft.edits.length) offerResume();
    await refresh(entry);
    announce(t('readDone', { name: entry.name, s: summary(entry) }));
  } catch (e) {
    entry.loading = null;
    entry.error = e;
    draw(entry);
    announce(message(e));
  } finally {
    clearInterval(tick);
  }
}

// jobName is a random name for one conversion.
function jobName() {
  const b = new Uint8Array(12);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

// pollOCR asks which page of a scan the server is reading (GET
// /api/progress); a file without OCR never has one, and the label stays
// 「正在转换」.
async function pollOCR(entry) {
  const l = entry.loading;
  if (!l || l.uploaded < 1 || l.polling) return;
  l.polling = true;
  try {
    const res = await fetch('/api/progress?job=' + encodeURIComponent(l.job), { cache: 'no-store' });
    if (res.ok) {
      const p = await res.json();
      if (p && p.pages > 0 && entry.loading === l) { l.ocr = p; drawLoading(entry); }
    }
  } catch (e) {
    // the conversion's own request reports failures
  } finally {
    l.polling = false;
  }
}

function progress(entry, f) {
  if (!entry.loading) return;
  entry.loading.uploaded = f;
  drawLoading(entry);
}

// refresh asks the server to apply the edits (and fixes) and audit the
// result. It reports whether the server accepted them.
async function refresh(entry) {
  const seq = ++entry.seq;
  entry.node.classList.add('busy');
  let ok = true;
  try {
    const edits = entry.edits.map(wire);
    const res = await api('/api/view', { document: entry.base, edits, fix: entry.fix }, true);
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
  if (entry.editing) entry.pending = true; // drawn when the clerk leaves the cell
  else draw(entry);
  return ok;
}

// wire is an edit as the server reads it.
function wire(e) {
  const w = { form: e.form, category: e.category, indicator: e.indicator, item: e.item, column: e.column, value: e.value };
  if (e.total) w.total = e.total;
  if (e.id) w.id = e.id;
  return w;
}

function editKey(e) {
  return [e.form, e.category, e.indicator, e.item, e.total || 0, e.column].join('/');
}

// commitEdit adds one edit; one the server refuses is dropped again, so the
// next change does not fail on it too. The refused text stays in its cell,
// marked, with the server's message.
async function commitEdit(entry, edit) {
  entry.edits.push(edit);
  entry.redo = [];
  entry.refused = null;
  entry.dirty = true;
  if (!(await refresh(entry))) {
    entry.edits.splice(entry.edits.indexOf(edit), 1);
    entry.refused = { key: editKey(edit), value: edit.value, error: entry.error };
    draw(entry);
    announce(t('refusedCell', { m: message(entry.error) }));
    return;
  }
  saveDraft(entry);
  announce(t('editDone', { where: editWhere(entry, edit), from: edit.was || t('empty'), to: edit.value || t('empty'), s: summary(entry) }));
}

async function undo(entry) {
  const e = entry.edits.pop();
  if (!e) { announce(t('nothingUndo')); return; }
  entry.redo.push(e);
  entry.refused = null;
  entry.dirty = true;
  moveCursorToEdit(entry, e);
  await refresh(entry);
  saveDraft(entry);
  announce(t('undone', { where: editWhere(entry, e), from: e.was || t('empty'), to: e.value || t('empty'), s: summary(entry) }));
}

async function redo(entry) {
  const e = entry.redo.pop();
  if (!e) { announce(t('nothingRedo')); return; }
  entry.edits.push(e);
  entry.dirty = true;
  moveCursorToEdit(entry, e);
  await refresh(entry);
  saveDraft(entry);
  announce(t('redone', { where: editWhere(entry, e), from: e.was || t('empty'), to: e.value || t('empty'), s: summary(entry) }));
}

function moveCursorToEdit(entry, e) {
  if (e.at) entry.cursor = Object.assign({}, e.at);
}

function editWhere(entry, e) {
  const doc = entry.view && entry.view.document;
  const form = (doc && doc.forms[e.form]) || {};
  const col = (form.headers && form.headers[e.column]) || columnNames[lang][e.column] || e.column.replace(/^extra:/, '');
  return [e.id || e.rowLabel || '', col].filter(Boolean).join(' ');
}

function summary(entry) {
  if (!entry.view) return '';
  const c = countBySeverity(entry.view.document.findings);
  return t('summary', { e: c.error, w: c.warning, i: c.info });
}

async function download(entry, to) {
  try {
    const res = await api('/api/render?to=' + to, entry.view.document, true);
    const blob = await res.blob();
    const name = fileName(res, to);
    const a = el('a', { href: URL.createObjectURL(blob), download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    entry.dirty = false;
    drawToolbarState(entry);
  } catch (e) {
    entry.error = e;
    draw(entry);
  }
}

function fileName(res, to) {
  const cd = res.headers.get('Content-Disposition') || '';
  const m = /filename\*=UTF-8''([^;]+)/.exec(cd);
  return m ? decodeURIComponent(m[1]) : 'kaoping.' + to;
}

async function preview(entry) {
  try {
    const res = await api('/api/render?to=pdf', entry.view.document, true);
    const blob = new Blob([await res.blob()], { type: 'application/pdf' });
    const dlg = document.getElementById('preview');
    const frame = document.getElementById('preview-frame');
    if (frame.src.startsWith('blob:')) URL.revokeObjectURL(frame.src);
    frame.src = URL.createObjectURL(blob);
    dlg.pdf = blob;
    frame.title = fileName(res, 'pdf');
    dlg.returnFocus = document.activeElement;
    dlg.showModal();
    document.getElementById('preview-close').focus();
  } catch (e) {
    entry.error = e;
    draw(entry);
  }
}

function closeEntry(entry) {
  if (entry.dirty && entry.edits.length && !confirm(t('closeConfirm', { name: entry.name }))) return;
  if (entry.abort) entry.abort();
  if (!entry.dirty) removeDraft(draftKey(entry));
  entry.node.remove();
  const i = entries.indexOf(entry);
  entries.splice(i, 1);
  if (active === entry) active = null;
  show(entries[Math.min(i, entries.length - 1)] || null);
  offerResume();
}

// ---- drafts ----------------------------------------------------------------

function draftKey(entry) {
  const sha = entry.base && entry.base.source ? entry.base.source.sha256 : '';
  return DRAFT_PREFIX + sha + ':' + entry.name;
}

function saveDraft(entry) {
  if (!entry.base) return;
  const key = draftKey(entry);
  if (!entry.edits.length && !entry.redo.length && !entry.fix) { removeDraft(key); return; }
  try {
    localStorage.setItem(key, JSON.stringify({ name: entry.name, base: entry.base, edits: entry.edits, redo: entry.redo,
      fix: entry.fix, saved: new Date().toISOString() }));
    entry.draftError = null;
  } catch (e) {
    entry.draftError = t('draftFull');
  }
}

function loadDraft(key) {
  try { return JSON.parse(localStorage.getItem(key)); } catch (e) { return null; }
}

function removeDraft(key) { localStorage.removeItem(key); }

function drafts() {
  const out = [];
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (!k.startsWith(DRAFT_PREFIX)) continue;
    if (entries.some((e) => e.base && draftKey(e) === k && e.edits.length)) continue; // open already
    const d = loadDraft(k);
    if (d && d.base) out.push([k, d]);
  }
  return out.sort((a, b) => (a[1].saved < b[1].saved ? 1 : -1));
}

function offerResume() {
  const box = document.getElementById('resume');
  const ul = document.getElementById('resume-list');
  ul.replaceChildren();
  for (const [k, d] of drafts()) {
    const when = new Date(d.saved).toLocaleString(lang === 'en' ? 'en' : 'zh-CN');
    ul.append(el('li', null, el('span', null, t('draftOf', { name: d.name, n: d.edits.length, t: when })), ' ',
      el('button', { type: 'button', class: 'btn primary resume-draft', 'data-key': k, onclick: () => resumeDraft(k) }, t('resume')), ' ',
      el('button', { type: 'button', class: 'btn discard-draft', onclick: () => { removeDraft(k); offerResume(); } }, t('discard'))));
  }
  box.hidden = !ul.children.length;
}

async function resumeDraft(key) {
  const d = loadDraft(key);
  if (!d) return;
  let entry = entries.find((e) => e.base && draftKey(e) === key);
  if (!entry) {
    entry = newEntry(d.name);
    entry.base = d.base;
  }
  entry.edits = d.edits || [];
  entry.redo = d.redo || [];
  entry.fix = !!d.fix;
  entry.dirty = entry.edits.length > 0;
  offerResume();
  show(entry);
  await refresh(entry);
  announce(t('readDone', { name: entry.name, s: summary(entry) }));
}

window.addEventListener('beforeunload', (ev) => {
  if (entries.some((e) => e.dirty && e.edits.length)) {
    ev.preventDefault();
    ev.returnValue = '';
  }
});

// ---- drawing ---------------------------------------------------------------

function countBySeverity(findings) {
  const c = { error: 0, warning: 0, info: 0, fixed: 0 };
  for (const f of findings) {
    if (f.fixed) c.fixed++;
    else c[f.severity] = (c[f.severity] || 0) + 1;
  }
  return c;
}

function rank(sev) { return { error: 3, warning: 2, info: 1 }[sev] || 0; }

// show makes entry the one on screen.
function show(entry) {
  active = entry;
  for (const e of entries) e.node.hidden = e !== entry;
  drawTabs();
  if (entry && entry.view) stick(entry.node);
}

function drawTabs() {
  const tabs = document.getElementById('tabs');
  tabs.replaceChildren();
  tabs.hidden = entries.length === 0;
  // with a file open, the drop zone shrinks to its button in the top bar
  // (the whole window still takes dropped files)
  const drop = document.getElementById('drop');
  const compact = entries.length > 0;
  if (compact !== drop.classList.contains('compact')) {
    drop.classList.toggle('compact', compact);
    if (compact) document.getElementById('drop-slot').append(drop);
    else document.querySelector('main').prepend(drop);
  }
  for (const e of entries) {
    const sel = e === active;
    const c = e.view ? countBySeverity(e.view.document.findings) : null;
    tabs.append(el('button', { type: 'button', role: 'tab', id: 'tab-' + e.id, class: 'tab', 'aria-selected': sel ? 'true' : 'false',
      'aria-controls': 'doc-' + e.id, tabindex: sel ? '0' : '-1', onclick: () => show(e), onkeydown: tabKeys },
    e.name, c ? el('span', { class: 'tab-count' + (c.error ? ' has-error' : '') }, String(c.error + c.warning)) : null,
    e.dirty && e.edits.length ? el('span', { class: 'tab-dirty', title: t('unsaved') }, '●') : null));
  }
  // 比较 stands beside the tab list, not in it: a tablist holds tabs only
  const tools = document.getElementById('tab-tools');
  tools.replaceChildren();
  const other = compareWith(active);
  if (other) {
    tools.append(el('button', { type: 'button', id: 'compare-btn', class: 'btn ghost', title: t('compareHint', { old: other.name }),
      onclick: () => compare(other, active) }, t('compare')));
  }
}

// compareWith is the version the shown file is compared with by 「比较」: the
// file opened before it (the first other one for the first), once both are read.
function compareWith(entry) {
  if (!entry || !entry.view) return null;
  const read = entries.filter(e => e.view);
  const i = read.indexOf(entry);
  if (read.length < 2 || i < 0) return null;
  return read[i > 0 ? i - 1 : 1];
}

// compare lists the changes from old's document to new's (POST /api/diff,
// as `kaoping diff`) in a dialog, with the new form marked for download.
async function compare(oldE, newE) {
  const dlg = document.getElementById('compare');
  const list = document.getElementById('compare-list');
  const body = { old: oldE.view.document, new: newE.view.document };
  document.getElementById('compare-title').textContent = t('compareTitle', { old: oldE.name, new: newE.name });
  list.replaceChildren();
  try {
    const res = await (await api('/api/diff', body, true)).json();
    const cols = columnNames[lang];
    for (const c of res.changes) {
      const what = c.kind === 'changed'
        ? (cols[c.field] || c.field) + '：' + diffValue(c.old) + ' → ' + diffValue(c.new)
        : { added: '＋ ', removed: '－ ', moved: '→ ' }[c.kind] + diffValue(c.kind === 'removed' ? c.old : c.new);
      list.append(el('li', { class: 'change change-' + c.kind }, el('b', {}, c.row || ''), ' ', what));
    }
    document.getElementById('compare-count').textContent = res.changes.length ? t('changesN', { n: res.changes.length }) : t('noChanges');
  } catch (e) {
    document.getElementById('compare-count').textContent = message(e);
  }
  for (const to of ['xlsx', 'pdf']) {
    document.getElementById('compare-' + to).onclick = async () => {
      try {
        const res = await api('/api/diff?to=' + to, body, true);
        const a = el('a', { href: URL.createObjectURL(await res.blob()), download: fileName(res, to) });
        document.body.append(a);
        a.click();
        a.remove();
      } catch (e) {
        document.getElementById('compare-count').textContent = message(e);
      }
    };
  }
  if (!dlg.open) dlg.showModal();
}

function diffValue(v) {
  if (v === null || v === undefined || v === '') return t('empty');
  return Array.isArray(v) ? v.join('、') : String(v);
}

function tabKeys(ev) {
  const i = entries.indexOf(active);
  let j = -1;
  if (ev.key === 'ArrowRight') j = (i + 1) % entries.length;
  else if (ev.key === 'ArrowLeft') j = (i - 1 + entries.length) % entries.length;
  else if (ev.key === 'Home') j = 0;
  else if (ev.key === 'End') j = entries.length - 1;
  if (j < 0) return;
  ev.preventDefault();
  show(entries[j]);
  document.getElementById('tab-' + entries[j].id).focus();
}

function drawLoading(entry) {
  const box = entry.node.querySelector('.progress-box');
  if (!box) return draw(entry);
  const up = entry.loading.uploaded;
  const bar = box.querySelector('progress');
  const label = box.querySelector('.progress-label');
  if (up < 1) {
    bar.value = up;
    label.textContent = t('uploading');
  } else {
    const secs = Math.round((Date.now() - entry.loading.started) / 1000);
    const ocr = entry.loading.ocr;
    if (ocr) {
      bar.max = ocr.pages;
      bar.value = ocr.page - 1; // pages done
      label.textContent = t('recognizing', { k: ocr.page, n: ocr.pages, s: secs });
    } else {
      bar.removeAttribute('value'); // indeterminate: the server is converting
      label.textContent = t('converting', secs);
    }
  }
}

// place is what a redraw must keep: the keyboard's cell, the focused control,
// the scroll of the table and of the findings.
function place(entry) {
  const n = entry.node;
  const a = document.activeElement;
  const p = { focus: null, scroll: {} };
  if (a && n.contains(a)) p.focus = a.closest('table.form') ? 'grid' : a.dataset.key || null;
  for (const s of n.querySelectorAll('[data-scroll]')) p.scroll[s.dataset.scroll] = [s.scrollTop, s.scrollLeft];
  return p;
}

function restore(entry, p) {
  const n = entry.node;
  for (const s of n.querySelectorAll('[data-scroll]')) {
    const v = p.scroll[s.dataset.scroll];
    if (v) { s.scrollTop = v[0]; s.scrollLeft = v[1]; }
  }
  if (p.focus === 'grid') focusCell(entry, false);
  else if (p.focus) {
    const f = n.querySelector(`:not(td):not(th)[data-key="${CSS.escape(p.focus)}"]`);
    if (f) f.focus({ preventScroll: true });
  }
}

function draw(entry) {
  if (entry.view && patch(entry)) return;
  const p = place(entry);
  const n = entry.node;
  n.replaceChildren();
  const head = el('header', { class: 'doc-head' }, el('h2', { class: entries.length ? 'sr-only' : null }, entry.name));
  n.append(head);
  if (!entry.view) {
    if (entry.error) n.append(el('div', { class: 'error-box', role: 'alert' }, message(entry.error)));
    else if (entry.loading) {
      n.append(el('div', { class: 'progress-box', role: 'status' },
        el('progress', { max: '1', 'aria-label': t('loading') }), ' ', el('span', { class: 'progress-label' }, t('loading')), ' ',
        el('button', { type: 'button', class: 'btn cancel', 'data-key': 'cancel', onclick: () => entry.abort && entry.abort() }, t('cancel'))));
    }
    head.append(el('button', { type: 'button', class: 'btn ghost', 'data-key': 'close', onclick: () => closeEntry(entry) }, t('remove')));
    if (entry.loading) drawLoading(entry);
    drawTabs();
    return;
  }
  const view = entry.view;
  const doc = view.document;
  n.append(...chrome(entry, head));

  const cellOf = {}; // finding index → cell id
  const tables = el('div', { class: 'tables', 'data-scroll': 'tables' });
  if (!view.forms.length) tables.append(el('p', { class: 'loading' }, t('noForms')));
  view.forms.forEach((fv, fi) => tables.append(formTable(entry, fv, fi, doc.findings, cellOf)));
  entry.cellOf = cellOf;
  const main = el('div', { class: 'grid-col' }, el('div', { class: 'cellbar', 'aria-hidden': 'true' }), tables);
  n.append(el('div', { class: 'layout' }, main, findingsList(entry, view, cellOf)));
  finish(entry, p);
}

// patch redraws a drawn file whose forms keep their shape (an edit, an undo,
// the fix switch): the bars above the table and the findings are built anew,
// the tables patched cell by cell. It reports false when a full draw is due.
function patch(entry) {
  const n = entry.node;
  const view = entry.view;
  const tables = [...n.querySelectorAll('table.form')];
  if (!n.querySelector('.layout') || tables.length !== view.forms.length || tables.some((tb, fi) => tb.shape !== shape(view.forms[fi]))) return false;
  const p = place(entry);
  for (const x of [...n.children]) if (!x.classList.contains('layout')) x.remove();
  const head = el('header', { class: 'doc-head' }, el('h2', { class: entries.length ? 'sr-only' : null }, entry.name));
  n.prepend(...chrome(entry, head));
  const cellOf = {};
  const ctx = cellContext(entry, view.document.findings, cellOf);
  view.forms.forEach((fv, fi) => patchTable(entry, tables[fi], fv, fi, ctx));
  entry.cellOf = cellOf;
  n.querySelector('.findings').replaceWith(findingsList(entry, view, cellOf));
  finish(entry, p, true);
  return true;
}

// finish is the end of a draw: counts, tabs, sticky offsets, the place
// restored, the cell bar.
function finish(entry, p, patched) {
  const n = entry.node;
  const flagged = n.querySelector('.flagged-count');
  if (flagged) flagged.textContent = String(n.querySelectorAll('td.flag').length);
  drawTabs();
  if (!n.hidden && !patched) stick(n); // a patched table keeps its offsets
  restore(entry, p);
  const cur = entry.cursor;
  const table = cur ? tableOf(entry, cur.fi) : n.querySelector('table.form');
  const cell = table && (cur ? table.cover[cur.r] && table.cover[cur.r][cur.c] : table.querySelector('td[tabindex="0"]'));
  if (cell) cellBar(entry, table, cell);
}

// chrome builds what stands above the table: the file's header with its
// counts and notice, the error, the banners, the toolbar.
function chrome(entry, head) {
  const out = [head];
  const doc = entry.view.document;
  const c = countBySeverity(doc.findings);
  const flaggedSpan = el('span', { class: 'flagged-count' }, '0');
  head.append(el('span', { class: 'counts' },
    el('span', null, el('span', { class: 'badge error' }, t('error')), ' ', c.error),
    el('span', null, el('span', { class: 'badge warning' }, t('warning')), ' ', c.warning),
    el('span', null, el('span', { class: 'badge info' }, t('info')), ' ', c.info),
    el('span', null, el('span', { class: 'badge fixed' }, t('fixed')), ' ', c.fixed),
    el('span', { class: 'flagged' }, '· ', flaggedSpan, ' ', t('flagged'))));
  head.append(noticeSummary(doc.notice));
  head.append(el('button', { type: 'button', class: 'btn ghost', 'data-key': 'close', onclick: () => closeEntry(entry) }, t('remove')));
  if (entry.error) out.push(el('div', { class: 'error-box', role: 'alert' }, message(entry.error)));
  out.push(...banners(entry));
  out.push(toolbar(entry));
  return out;
}

function banners(entry) {
  const out = [];
  const open = entry.view.document.findings.filter((f) => !f.fixed);
  const doubt = open.filter((f) => DOUBT_RULES.includes(f.rule));
  if (doubt.length) {
    const rules = [...new Set(doubt.map((f) => f.rule))].join('、');
    // The places to check, as the CLI and the Excel list them: page, 序号, column.
    const places = [...new Set(doubt.map((f) => {
      const at = f.at || {};
      return [at.page != null ? t('pageN', at.page) : '', at.row || '', at.column ? columnLabel(entry.view.document, at.column) : '']
        .filter((x) => x).join(' ');
    }).filter((p) => p))].join(lang === 'zh' ? '；' : '; ');
    out.push(el('div', { class: 'banner doubt', role: 'status' }, el('strong', null, t('doubtTitle')), ' ', t('doubtBody', { n: doubt.length, rules, places })));
  }
  const serious = open.filter((f) => f.severity === 'error' || f.severity === 'warning').length;
  if (!serious && entry.view.forms.length) {
    const info = open.length;
    out.push(el('div', { class: 'banner clean', role: 'status' }, info ? t('cleanInfo', info) : t('clean')));
  }
  if (entry.joined) {
    out.push(el('div', { class: 'banner joined', role: 'status' }, t('joined', { names: entry.joined.map((f) => f.name).join(' + ') }), ' ',
      el('button', { type: 'button', class: 'btn split', 'data-key': 'split', title: t('splitHint'), onclick: () => splitJoined(entry) }, t('split'))));
  }
  if (entry.draftError) out.push(el('div', { class: 'banner doubt', role: 'alert' }, entry.draftError));
  return out;
}

function toolbar(entry) {
  const view = entry.view;
  const cols = new Set();
  for (const f of view.document.findings) cols.add(findingColumn(f));
  const sevOpts = [['open', t('allOpen')], ['error', t('error')], ['warning', t('warning')], ['info', t('info')], ['fixed', t('fixed')], ['all', t('allFindings')]];
  const colOpts = [['all', t('allColumns')], ...[...cols].sort().map((k) => [k, columnLabel(view.document, k)])];
  const select = (key, label, opts, value, set) => el('label', null, label, ' ',
    el('select', { class: 'filter-' + key, 'data-key': 'filter-' + key, onchange: (ev) => { set(ev.target.value); entry.finding = -1; draw(entry); } },
      opts.map(([v, l]) => el('option', { value: v, selected: v === value }, l))));
  return el('div', { class: 'toolbar' },
    el('label', null, el('input', { type: 'checkbox', class: 'fix-switch', 'data-key': 'fix', checked: entry.fix,
      onchange: (ev) => { entry.fix = ev.target.checked; entry.dirty = true; saveDraft(entry); refresh(entry); } }), ' ', t('fix')),
    select('sev', t('severity'), sevOpts, entry.filter.sev, (v) => { entry.filter.sev = v; }),
    select('col', t('column'), colOpts, entry.filter.col, (v) => { entry.filter.col = v; }),
    el('button', { type: 'button', class: 'btn undo', 'data-key': 'undo', disabled: !entry.edits.length, 'aria-keyshortcuts': 'Control+Z',
      onclick: () => undo(entry) }, t('undo'), entry.edits.length ? ` (${entry.edits.length})` : ''),
    el('button', { type: 'button', class: 'btn redo', 'data-key': 'redo', disabled: !entry.redo.length, 'aria-keyshortcuts': 'Control+Y',
      onclick: () => redo(entry) }, t('redo'), entry.redo.length ? ` (${entry.redo.length})` : ''),
    entry.edits.length ? el('span', { class: 'edited' }, t('edited', entry.edits.length)) : null,
    el('span', { class: 'unsaved', hidden: !(entry.dirty && entry.edits.length) }, t('unsaved')),
    el('span', { class: 'spacer' }),
    el('span', { id: 'dl-' + entry.id }, t('download')),
    ['json', 'xlsx', 'pdf'].map((to) => el('button', { type: 'button', class: 'btn download', 'data-to': to, 'data-key': 'dl-' + to,
      'aria-describedby': 'dl-' + entry.id, onclick: () => download(entry, to) }, { json: 'JSON', xlsx: 'Excel', pdf: 'PDF' }[to])),
    el('button', { type: 'button', class: 'btn print-preview', 'data-key': 'preview', onclick: () => preview(entry) }, t('preview')));
}

function drawToolbarState(entry) {
  const u = entry.node.querySelector('.unsaved');
  if (u) u.hidden = !(entry.dirty && entry.edits.length);
  drawTabs();
}

function noticeSummary(nt) {
  const dl = el('dl', { class: 'notice' });
  const row = (k, v) => dl.append(el('div', null, el('dt', null, t(k)), el('dd', { 'data-field': k }, v || t('none'))));
  nt = nt || {};
  row('docNumber', nt.docNumber && nt.docNumber.text);
  row('title', nt.title);
  row('date', nt.dateText || nt.date);
  row('attachments', (nt.attachments || []).map((a) => (nt.attachments.length > 1 ? a.number + '. ' : '') + a.name).join('；'));
  return dl;
}

// cellContext is what every cell of a drawing needs: the findings, where
// each finding's cell is (filled in), the edits by cell.
function cellContext(entry, findings, cellOf) {
  return { findings, cellOf, edited: new Map(entry.edits.map((e) => [editKey(e), e])) };
}

// makeCell builds the element of one grid cell, with its marks and what
// assistive technology says of it. Its data-sig says what it shows, so a
// redraw replaces only the cells that changed.
function makeCell(entry, fv, fi, c, ctx) {
  const { findings, cellOf, edited } = ctx;
  const id = `d${entry.id}-f${fi}-r${c.r}-c${c.c}`;
  const header = c.kind === 'header';
  const key = fv.columns[c.c];
  const cell = el(header ? 'th' : 'td', { id, class: c.kind, rowspan: c.rs > 1 ? c.rs : null, colspan: c.cs > 1 ? c.cs : null,
    'data-key': key, 'data-r': String(c.r), 'data-c': String(c.c), tabindex: '-1', 'aria-colindex': String(c.c + 1),
    scope: header ? 'col' : null });
  const text = c.text;
  const ekey = c.edit ? editKey(Object.assign({ form: fi }, c.edit)) : null;
  const refused = ekey && entry.refused && entry.refused.key === ekey ? entry.refused : null;
  fillCell(cell, refused ? refused.value : text, c);
  if (c.kind === 'total' && c.computed !== undefined && String(c.computed) !== c.text) {
    cell.append(el('span', { class: 'computed' }, t('computed', +c.computed.toFixed(2))));
  }
  const fs = (c.findings || []).map((i) => [i, findings[i]]);
  const open = fs.filter(([, f]) => !f.fixed);
  const desc = [];
  if (fs.length) {
    for (const [i] of fs) cellOf[i] = id;
    cell.title = fs.map(([, f]) => (f.fixed ? '✓ ' : '') + `[${t(f.severity)}] ${message(f)}`).join('\n');
    cell.dataset.rules = [...new Set(fs.map(([, f]) => f.rule))].join(' ');
  }
  if (open.length) {
    const worst = open.reduce((a, [, f]) => (rank(f.severity) > rank(a) ? f.severity : a), 'info');
    cell.classList.add('flag', worst);
    cell.dataset.findings = String(open.length);
    if (open.some(([, f]) => DOUBT_RULES.includes(f.rule))) cell.classList.add('doubt');
    desc.push(t('cellFindings', { m: open.map(([, f]) => `${t(f.severity)} ${message(f)}`).join('；') }));
  } else if (fs.length) {
    cell.classList.add('fixed-mark');
  }
  if (refused) {
    cell.classList.add('flag', 'error', 'refused');
    desc.push(t('refusedCell', { m: message(refused.error) }));
    cell.title = t('refusedCell', { m: message(refused.error) });
  }
  let was = null;
  if (c.edit) {
    cell.dataset.editColumn = c.edit.column;
    cell.dataset.edit = JSON.stringify(c.edit);
    cell.setAttribute('aria-readonly', 'false');
    const e = edited.get(ekey);
    if (e) {
      was = e.was || '';
      cell.classList.add('edited');
      desc.push(t('editedMark', { n: e.was || t('empty') }));
    }
  } else if (!header) {
    cell.setAttribute('aria-readonly', 'true');
  }
  if (desc.length) cell.setAttribute('aria-description', desc.join('。'));
  cell.dataset.sig = cellSig(entry, fi, c, ctx);
  return cell;
}

// cellSig is everything a cell shows, to tell whether a redraw changes it.
function cellSig(entry, fi, c, ctx) {
  const ekey = c.edit ? editKey(Object.assign({ form: fi }, c.edit)) : null;
  const refused = ekey && entry.refused && entry.refused.key === ekey ? entry.refused.value : null;
  const e = ekey ? ctx.edited.get(ekey) : null;
  const fs = (c.findings || []).map((i) => { const f = ctx.findings[i]; return [f.rule, f.severity, f.fixed, f.message, f.messageEn]; });
  // not the findings' indexes: they shift when a finding comes or goes
  return JSON.stringify([c.text, c.kind, c.computed, c.edit, fs, refused, e ? e.was || '' : null, lang]);
}

// shape is the layout of a form's grid: the same shape lets a redraw patch
// the drawn table instead of building it anew.
function shape(fv) {
  return JSON.stringify([fv.rows, fv.headerRows, fv.columns, fv.cells.map((c) => [c.r, c.c, c.rs, c.cs])]);
}

// patchTable redraws a drawn table of the same shape in place: only the
// cells whose content or marks changed are replaced. The table, its scroll
// and the unchanged cells stay as they are, so an edit redraws in a few
// milliseconds and the clerk's place is kept by construction.
function patchTable(entry, table, fv, fi, ctx) {
  const cover = table.cover;
  for (const c of fv.cells) {
    const old = cover[c.r][c.c];
    if (old.dataset.sig === cellSig(entry, fi, c, ctx)) {
      for (const i of c.findings || []) ctx.cellOf[i] = old.id;
      continue;
    }
    const cell = makeCell(entry, fv, fi, c, ctx);
    if (old.classList.contains('stuck')) {
      cell.classList.add('stuck');
      cell.style.left = old.style.left;
    }
    if (old.style.top) cell.style.top = old.style.top;
    cell.tabIndex = old.tabIndex;
    const focused = document.activeElement === old;
    old.replaceWith(cell);
    for (let r = c.r; r < c.r + c.rs && r < fv.rows; r++) for (let k = c.c; k < c.c + c.cs; k++) cover[r][k] = cell;
    if (focused) cell.focus({ preventScroll: true });
  }
  table.fv = fv;
}

function formTable(entry, fv, fi, findings, cellOf) {
  const wrap = el('section', { class: 'form-block', 'aria-labelledby': `title-${entry.id}-${fi}` });
  wrap.append(el('div', { class: 'form-head' }, el('div', { class: 'att' }, fv.attachment), el('h3', { id: `title-${entry.id}-${fi}` }, fv.title)),
    el('div', { class: 'form-meta' }, el('span', null, fv.unit), el('span', null, fv.date)));
  const table = el('table', { class: 'form', role: 'grid', 'data-key': 'grid-' + fi, 'data-form': String(fi),
    'aria-label': t('gridLabel', { t: fv.title || entry.name }), 'aria-rowcount': String(fv.rows), 'aria-colcount': String(fv.columns.length) });
  const colgroup = el('colgroup');
  for (const key of fv.columns) colgroup.append(el('col', { class: 'k-' + (key.startsWith('extra:') ? 'extra' : key) }));
  table.append(colgroup);
  const thead = el('thead');
  const tbody = el('tbody');
  const trs = [];
  for (let r = 0; r < fv.rows; r++) {
    trs.push(el('tr', { 'aria-rowindex': String(r + 1) }));
    (r < fv.headerRows ? thead : tbody).append(trs[r]);
  }
  const ctx = cellContext(entry, findings, cellOf);
  const cover = [];
  for (let r = 0; r < fv.rows; r++) cover.push([]);
  for (const c of fv.cells) {
    const cell = makeCell(entry, fv, fi, c, ctx);
    for (let r = c.r; r < c.r + c.rs && r < fv.rows; r++) for (let k = c.c; k < c.c + c.cs; k++) cover[r][k] = cell;
    trs[c.r].append(cell);
  }
  table.append(thead, tbody);
  table.cover = cover;
  table.fv = fv;
  table.shape = shape(fv);
  table.addEventListener('keydown', (ev) => gridKeys(entry, table, ev));
  table.addEventListener('focusin', (ev) => {
    const cell = ev.target.closest('td, th');
    if (cell && !entry.editing) setCursor(entry, fi, +cell.dataset.r, +cell.dataset.c, false);
  });
  table.addEventListener('dblclick', (ev) => {
    const cell = ev.target.closest('td');
    if (cell && cell.dataset.edit) startEdit(entry, cell, false);
  });
  table.addEventListener('mousedown', (ev) => {
    const cell = ev.target.closest('td, th');
    if (cell && !cell.isContentEditable) { ev.preventDefault(); setCursor(entry, fi, +cell.dataset.r, +cell.dataset.c, true); }
  });
  // the grid is one Tab stop: the cursor's cell, or the first body cell
  const cur = entry.cursor && entry.cursor.fi === fi ? entry.cursor : { fi, r: fv.headerRows, c: 0 };
  const start = (cover[cur.r] && cover[cur.r][cur.c]) || (cover[fv.headerRows] && cover[fv.headerRows][0]) || (cover[0] && cover[0][0]);
  if (start) start.tabIndex = 0;
  wrap.append(table, el('div', { class: 'sig' }, fv.signatures));
  return wrap;
}

// stick pins the header rows and the first two columns (项目, 序号) while the
// table scrolls: sticky offsets measured from the drawn table.
function stick(n) {
  for (const table of n.querySelectorAll('table.form')) {
    const fv = table.fv;
    const rows = table.tHead ? [...table.tHead.rows] : [];
    let top = 0;
    rows.forEach((tr) => {
      for (const th of tr.cells) th.style.top = top + 'px';
      top += tr.getBoundingClientRect().height;
    });
    table.style.setProperty('--head', top + 'px');
    const cols = [...table.querySelectorAll('col')];
    const w0 = cols[0] ? cols[0].getBoundingClientRect().width : 0;
    const sticky = Math.min(2, fv.columns.length);
    for (const cell of table.querySelectorAll('td, th')) {
      const c = +cell.dataset.c;
      if (c < sticky && (+cell.getAttribute('colspan') || 1) === 1) {
        cell.classList.add('stuck');
        cell.style.left = (c === 0 ? 0 : w0) + 'px';
      }
    }
  }
}

// ---- the grid's keyboard ---------------------------------------------------

// cellBar shows the cell the keyboard is on, as Excel's formula bar does: its
// row and column, its whole text, and its problems in words.
function cellBar(entry, table, cell) {
  const bar = entry.node.querySelector('.cellbar');
  if (!bar) return;
  const fv = table.fv;
  const key = fv.columns[+cell.dataset.c] || '';
  const row = cell.closest('tr');
  const idCell = row && row.querySelector('td[data-key="id"]');
  const doc = entry.view.document;
  const label = [idCell && cellText(idCell), cell.tagName === 'TH' ? '' : columnLabel(doc, key)].filter(Boolean).join(' · ');
  const kids = [el('span', { class: 'cb-where' }, label || ' '), el('span', { class: 'cb-text' }, cellText(cell))];
  if (cell.getAttribute('aria-description')) kids.push(el('span', { class: 'cb-findings' }, cell.getAttribute('aria-description')));
  bar.replaceChildren(...kids);
}

function tableOf(entry, fi) { return entry.node.querySelector(`table.form[data-form="${fi}"]`); }

function setCursor(entry, fi, r, c, focus) {
  entry.cursor = { fi, r, c };
  const table = tableOf(entry, fi);
  if (!table) return;
  const cell = table.cover[r] && table.cover[r][c];
  if (!cell) return;
  for (const x of table.querySelectorAll('[tabindex="0"]')) if (x !== cell) x.tabIndex = -1;
  cell.tabIndex = 0;
  cellBar(entry, table, cell);
  if (focus) {
    cell.focus({ preventScroll: true });
    cell.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }
}

function focusCell(entry, scroll) {
  const cur = entry.cursor;
  if (!cur) return;
  const table = tableOf(entry, cur.fi);
  const cell = table && table.cover[cur.r] && table.cover[cur.r][cur.c];
  if (!cell) return;
  setCursor(entry, cur.fi, cur.r, cur.c, false);
  cell.focus({ preventScroll: true });
  if (scroll) cell.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

// move goes from the cursor's cell by dr rows or dc columns, stepping over
// merged cells as one (a 一级指标 spanning four rows is one step down).
function move(entry, table, dr, dc) {
  const fv = table.fv;
  let { r, c } = entry.cursor;
  const cell = table.cover[r][c];
  const cr = +cell.dataset.r, cc = +cell.dataset.c;
  const rs = +cell.getAttribute('rowspan') || 1, cs = +cell.getAttribute('colspan') || 1;
  if (dr > 0) r = cr + rs - 1 + dr;
  if (dr < 0) r = cr + dr;
  if (dc > 0) c = cc + cs - 1 + dc;
  if (dc < 0) c = cc + dc;
  r = Math.max(0, Math.min(fv.rows - 1, r));
  c = Math.max(0, Math.min(fv.columns.length - 1, c));
  if (!table.cover[r][c]) return;
  setCursor(entry, entry.cursor.fi, r, c, true);
}

function gridKeys(entry, table, ev) {
  if (entry.editing) return editKeys(entry, ev);
  const fv = table.fv;
  const cell = ev.target.closest('td, th');
  if (!cell) return;
  if (!entry.cursor || entry.cursor.fi !== +table.dataset.form) setCursor(entry, +table.dataset.form, +cell.dataset.r, +cell.dataset.c, false);
  const k = ev.key;
  const ctrl = ev.ctrlKey || ev.metaKey;
  const go = (dr, dc) => { ev.preventDefault(); move(entry, table, dr, dc); };
  if (k === 'ArrowDown') return go(1, 0);
  if (k === 'ArrowUp') return go(-1, 0);
  if (k === 'ArrowRight') return go(0, 1);
  if (k === 'ArrowLeft') return go(0, -1);
  if (k === 'PageDown') return go(10, 0);
  if (k === 'PageUp') return go(-10, 0);
  if (k === 'Home' || k === 'End') {
    ev.preventDefault();
    const r = ctrl ? (k === 'Home' ? fv.headerRows : fv.rows - 1) : entry.cursor.r;
    setCursor(entry, entry.cursor.fi, r, k === 'Home' ? 0 : fv.columns.length - 1, true);
    return;
  }
  if ((k === 'Enter' || k === 'F2') && cell.dataset.edit) {
    ev.preventDefault();
    startEdit(entry, cell, false);
    return;
  }
  if ((k === 'Delete' || k === 'Backspace') && cell.dataset.edit) {
    ev.preventDefault();
    const edit = JSON.parse(cell.dataset.edit);
    if (cell.textContent !== '') finishEdit(entry, cell, Object.assign(edit, { form: +table.dataset.form }), cellText(cell), '', 0, 0);
    return;
  }
  // typing on a cell replaces its content, as in Excel and WPS
  if (cell.dataset.edit && !ctrl && !ev.altKey && (k.length === 1 || k === 'Process')) {
    startEdit(entry, cell, true);
  }
}

// fillCell writes a cell's text. Long running text (文件依据, 一级指标, a long
// 二级指标) is shown up to a few lines per row it spans, so an office screen
// shows a dozen rows; the cell bar above the table shows the whole text of
// the cell the keyboard is on, and editing shows it all.
function fillCell(cell, text, c) {
  cell.dataset.text = text;
  if (c.kind === 'text' && text.length > 24) {
    const lines = Math.max(2, 2 * c.rs);
    const span = el('span', { class: 'clamp' }, text);
    span.style.webkitLineClamp = String(lines); // through CSSOM: the CSP refuses style attributes
    cell.append(span);
  } else if (c.kind === 'category') {
    cell.append(el('span', { class: 'vtext' }, text));
  } else {
    cell.append(text);
  }
}

// cellText is a cell's own text, without the computed-sum note of a total.
function cellText(cell) {
  return cell.dataset.text !== undefined ? cell.dataset.text : cell.textContent;
}

function startEdit(entry, cell, replace) {
  const table = cell.closest('table');
  const was = cellText(cell);
  entry.editing = { cell, was, fi: +table.dataset.form, kids: [...cell.childNodes] };
  cell.textContent = was;
  cell.classList.add('editing');
  cell.contentEditable = 'plaintext-only';
  cell.spellcheck = false;
  cell.focus({ preventScroll: true });
  const range = document.createRange();
  range.selectNodeContents(cell);
  if (!replace) range.collapse(false);
  const sel = getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
  cell.addEventListener('blur', onEditBlur);
}

function onEditBlur(ev) {
  const entry = entries.find((e) => e.editing && e.editing.cell === ev.target);
  if (entry) endEdit(entry, true, 0, 0);
}

function editKeys(entry, ev) {
  const k = ev.key;
  if (ev.isComposing || k === 'Process') return; // the input method is composing
  if (k === 'Enter' && ev.altKey) {
    ev.preventDefault();
    document.execCommand('insertText', false, '\n');
    return;
  }
  if (k === 'Enter') { ev.preventDefault(); endEdit(entry, true, ev.shiftKey ? -1 : 1, 0); return; }
  if (k === 'Tab') { ev.preventDefault(); endEdit(entry, true, 0, ev.shiftKey ? -1 : 1); return; }
  if (k === 'Escape') { ev.preventDefault(); endEdit(entry, false, 0, 0); }
}

// endEdit leaves the cell being edited, committing its text unless cancelled,
// and moves the cursor by dr/dc.
function endEdit(entry, commit, dr, dc) {
  const ed = entry.editing;
  if (!ed) return;
  const cell = ed.cell;
  cell.removeEventListener('blur', onEditBlur);
  const value = cell.innerText.replace(/\r/g, '').replace(/\n+$/, '');
  entry.editing = null;
  cell.contentEditable = 'false';
  cell.removeAttribute('contenteditable');
  cell.classList.remove('editing');
  const edit = Object.assign(JSON.parse(cell.dataset.edit), { form: ed.fi });
  if (!commit || value.trim() === ed.was.trim()) {
    cell.replaceChildren(...ed.kids);
    if (entry.pending) { entry.pending = false; draw(entry); }
    const table = tableOf(entry, ed.fi);
    if (table && (dr || dc)) move(entry, table, dr, dc);
    else if (document.activeElement === document.body || document.activeElement === cell) focusCell(entry, false);
    return;
  }
  finishEdit(entry, cell, edit, ed.was, value, dr, dc);
}

function finishEdit(entry, cell, edit, was, value, dr, dc) {
  const table = tableOf(entry, edit.form);
  const at = { fi: edit.form, r: +cell.dataset.r, c: +cell.dataset.c };
  entry.cursor = Object.assign({}, at);
  if (table && (dr || dc)) move(entry, table, dr, dc);
  const stay = entry.node.contains(document.activeElement) || document.activeElement === document.body;
  if (stay) focusCell(entry, false);
  entry.pending = false;
  const row = cell.closest('tr');
  const idCell = row && row.querySelector('td[data-key="id"]');
  commitEdit(entry, Object.assign(edit, { value, was, at, rowLabel: idCell ? cellText(idCell) : '' }));
}

// ---- findings --------------------------------------------------------------

function findingColumn(f) {
  const at = f.at || {};
  if (at.form === undefined || at.form === null) return 'notice';
  return at.column || '';
}

function columnLabel(doc, k) {
  if (k === 'notice') return t('notice');
  if (k === '') return t('noCell');
  for (const form of doc.forms) if (form.headers && form.headers[k]) return form.headers[k];
  return columnNames[lang][k] || k.replace(/^extra:/, '');
}

function where(f, doc) {
  const at = f.at || {};
  if (at.form === undefined || at.form === null) {
    return t('notice') + (at.line ? ' ' + t('line', at.line) : '') + (at.element ? ' ' + t(at.element) : '');
  }
  const form = doc.forms[at.form] || {};
  const col = at.column ? ((form.headers && form.headers[at.column]) || columnNames[lang][at.column] || at.column) : '';
  // A row without a 序号 can only be found by its line.
  const row = at.row || (at.line ? t('line', at.line) : '');
  return [doc.forms.length > 1 ? '#' + (at.form + 1) : '', row, col].filter(Boolean).join(' · ');
}

function visibleFindings(entry) {
  const { sev, col } = entry.filter;
  const out = [];
  entry.view.document.findings.forEach((f, i) => {
    if (sev === 'open' && f.fixed) return;
    if (sev === 'fixed' && !f.fixed) return;
    if (['error', 'warning', 'info'].includes(sev) && (f.fixed || f.severity !== sev)) return;
    if (col !== 'all' && findingColumn(f) !== col) return;
    out.push(i);
  });
  return out;
}

function findingsList(entry, view, cellOf) {
  const box = el('section', { class: 'findings', 'aria-labelledby': 'fh-' + entry.id });
  const shown = visibleFindings(entry);
  entry.shown = shown;
  box.append(el('h3', { id: 'fh-' + entry.id }, t('findings'), ' ', el('span', { class: 'findings-count' }, String(shown.length))));
  const ol = el('ol', { role: 'listbox', tabindex: '0', 'data-key': 'findings', 'data-scroll': 'findings', 'aria-label': t('findingsLabel'),
    'aria-describedby': 'fh-' + entry.id });
  if (!shown.length) ol.append(el('li', { class: 'empty', role: 'option', 'aria-disabled': 'true', 'aria-selected': 'false', id: `fi-${entry.id}-none` }, t('noFindings')));
  shown.forEach((i, pos) => {
    const f = view.document.findings[i];
    const target = cellOf[i];
    const li = el('li', { id: `fi-${entry.id}-${i}`, role: 'option', 'aria-selected': i === entry.finding ? 'true' : 'false',
      class: (target ? 'link' : '') + (f.fixed ? ' is-fixed' : '') + (DOUBT_RULES.includes(f.rule) ? ' doubt' : ''),
      'data-rule': f.rule, 'data-cell': target, 'data-index': String(i), 'aria-posinset': String(pos + 1), 'aria-setsize': String(shown.length) },
    el('span', { class: 'badge ' + (f.fixed ? 'fixed' : f.severity) }, f.fixed ? t('fixed') : t(f.severity)),
    el('span', { class: 'where' }, where(f, view.document)),
    message(f), ' ', el('span', { class: 'rule' }, f.rule));
    li.title = f.rule;
    li.addEventListener('click', () => { selectFinding(entry, i, true); });
    ol.append(li);
  });
  if (entry.finding >= 0 && shown.includes(entry.finding)) ol.setAttribute('aria-activedescendant', `fi-${entry.id}-${entry.finding}`);
  ol.addEventListener('keydown', (ev) => {
    const pos = shown.indexOf(entry.finding);
    let next = -1;
    if (ev.key === 'ArrowDown') next = Math.min(shown.length - 1, pos + 1);
    else if (ev.key === 'ArrowUp') next = Math.max(0, pos - 1);
    else if (ev.key === 'Home') next = 0;
    else if (ev.key === 'End') next = shown.length - 1;
    else if (ev.key === 'Enter' && entry.finding >= 0) { ev.preventDefault(); selectFinding(entry, entry.finding, true); return; }
    if (next < 0 || !shown.length) return;
    ev.preventDefault();
    selectFinding(entry, shown[next], false);
  });
  box.append(ol);
  return box;
}

// selectFinding marks finding i in the list and shows its cell; toCell moves
// the keyboard to the cell too (F8, Enter, a click).
function selectFinding(entry, i, toCell) {
  entry.finding = i;
  const ol = entry.node.querySelector('.findings ol');
  for (const li of ol.querySelectorAll('[aria-selected="true"]')) li.setAttribute('aria-selected', 'false');
  const li = document.getElementById(`fi-${entry.id}-${i}`);
  if (li) {
    li.setAttribute('aria-selected', 'true');
    ol.setAttribute('aria-activedescendant', li.id);
    li.scrollIntoView({ block: 'nearest' });
  }
  const target = entry.cellOf[i];
  const cell = target && document.getElementById(target);
  if (cell) {
    const table = cell.closest('table');
    cell.scrollIntoView({ block: 'center', inline: 'nearest' });
    cell.classList.remove('pulse');
    void cell.offsetWidth;
    cell.classList.add('pulse');
    setCursor(entry, +table.dataset.form, +cell.dataset.r, +cell.dataset.c, false);
    if (toCell) cell.focus({ preventScroll: true });
  }
  const f = entry.view.document.findings[i];
  const pos = entry.shown.indexOf(i);
  announce(t('findingN', { i: pos + 1, n: entry.shown.length }) + `${f.fixed ? t('fixed') : t(f.severity)} ${where(f, entry.view.document)}：${message(f)}`);
}

// nextFinding is F8 (dir 1) and Shift+F8 (dir -1): the next problem in the
// list as filtered, from the one selected, wrapping around.
function nextFinding(entry, dir) {
  const shown = entry.shown || [];
  if (!shown.length) { announce(t('noFindings')); return; }
  const pos = shown.indexOf(entry.finding);
  const next = pos < 0 ? (dir > 0 ? 0 : shown.length - 1) : (pos + dir + shown.length) % shown.length;
  selectFinding(entry, shown[next], true);
}

// ---- page-wide keys and language --------------------------------------------

document.addEventListener('keydown', (ev) => {
  const entry = active;
  if (document.getElementById('preview').open) return;
  if (!entry || !entry.view) return;
  if (ev.key === 'F8') {
    ev.preventDefault();
    if (entry.editing) endEdit(entry, true, 0, 0);
    nextFinding(entry, ev.shiftKey ? -1 : 1);
    return;
  }
  if (entry.editing) return; // the cell's own undo while typing
  const ctrl = ev.ctrlKey || ev.metaKey;
  const inField = ev.target.matches && ev.target.matches('input, select, textarea');
  if (!ctrl || inField) return;
  const k = ev.key.toLowerCase();
  if (k === 'z' && !ev.shiftKey) { ev.preventDefault(); undo(entry); } else if (k === 'y' || (k === 'z' && ev.shiftKey)) { ev.preventDefault(); redo(entry); }
});

function applyLang() {
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
  for (const e of document.querySelectorAll('[data-i18n-label]')) e.setAttribute('aria-label', t(e.dataset.i18nLabel));
  const b = document.getElementById('lang');
  b.textContent = t('switchLang');
  b.lang = lang === 'en' ? 'zh-CN' : 'en';
  for (const entry of entries) draw(entry);
  offerResume();
}

document.getElementById('lang').addEventListener('click', () => {
  lang = lang === 'en' ? 'zh' : 'en';
  localStorage.setItem('kaoping-lang', lang);
  applyLang();
});

document.getElementById('keys-help').addEventListener('click', (ev) => {
  const keys = document.getElementById('keys');
  keys.hidden = !keys.hidden;
  ev.currentTarget.setAttribute('aria-expanded', String(!keys.hidden));
});

const dlg = document.getElementById('preview');
document.getElementById('preview-close').addEventListener('click', () => dlg.close());
document.getElementById('compare-close').addEventListener('click', () => document.getElementById('compare').close());
dlg.addEventListener('close', () => { if (dlg.returnFocus) dlg.returnFocus.focus(); });

const drop = document.getElementById('drop');
const fileInput = document.getElementById('file');
document.getElementById('choose').addEventListener('click', () => fileInput.click());
fileInput.addEventListener('change', (ev) => { addFiles([...ev.target.files]); ev.target.value = ''; });
for (const type of ['dragenter', 'dragover']) {
  window.addEventListener(type, (ev) => { ev.preventDefault(); drop.classList.add('over'); });
}
window.addEventListener('dragleave', (ev) => { if (!ev.relatedTarget) drop.classList.remove('over'); });
window.addEventListener('drop', (ev) => {
  ev.preventDefault();
  drop.classList.remove('over');
  if (ev.dataTransfer && ev.dataTransfer.files.length) addFiles([...ev.dataTransfer.files]);
});
window.addEventListener('resize', () => { if (active && active.view) stick(active.node); });
applyLang();
