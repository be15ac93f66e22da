// rasd web UI: a small hash-routed single page over the JSON API. No dependencies.
"use strict";

const view = document.getElementById("view");
const TYPES = ["CONSULT", "ACCUSE", "REJECT", "THREATEN", "REQUEST", "SUPPORT", "AGREE", "COERCE", "ASSAULT", "SANCTION", "RETREAT", "PROTEST", "CONCEDE"];
const TYPE_AR = {
  CONSULT: "تشاور", ACCUSE: "اتهام", REJECT: "رفض", THREATEN: "تهديد", REQUEST: "طلب", SUPPORT: "دعم",
  AGREE: "اتفاق", COERCE: "إكراه", ASSAULT: "اعتداء", SANCTION: "عقوبة", RETREAT: "انسحاب",
  PROTEST: "احتجاج", CONCEDE: "تنازل",
};
const MODE_AR = { meet: "لقاء", visit: "زيارة", host: "استقبال", phone: "اتصال هاتفي", multilateral: "اجتماع متعدد" };
const LABEL_AR = { PER: "شخص", ORG: "جهة", LOC: "مكان", MISC: "أخرى" };

function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

async function api(path) {
  const r = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.error ? `${body.error.message}${body.error.param ? ` (${body.error.param})` : ""}` : `HTTP ${r.status}`);
  return body;
}

function latin(s) { return s ? `<span class="latin" lang="en">${esc(s)}</span>` : ""; }
function entityLink(e) {
  return `<a href="#/entity/${encodeURIComponent(e.id)}">${esc(e.name)}</a> ${latin(e.en)}`;
}
function typeLabel(ev) {
  const t = TYPE_AR[ev.type] || ev.type;
  const m = ev.mode ? ` · ${MODE_AR[ev.mode] || ev.mode}` : "";
  return `<span class="tl-type">${esc(ev.type)}${ev.mode ? "/" + esc(ev.mode) : ""}</span> <b>${esc(t + m)}</b>`;
}
function fail(e) { view.innerHTML = `<div class="error">${esc(e.message || e)}</div>`; }

// ---- timeline of events (shared by the timeline page and entity profiles) ----
function timelineHtml(events) {
  if (!events.length) return `<p class="muted">لا أحداث.</p>`;
  return `<div class="timeline">${events.map((ev) => `
    <div class="tl-item" data-event="${esc(ev.id)}">
      <span class="tl-date">${esc(ev.date || "غير مؤرخ")}</span> — ${typeLabel(ev)}
      <div>${ev.participants.map(entityLink).join(" · ")}
        ${ev.location ? ` — في ${entityLink(ev.location)}` : ""}</div>
      <div class="muted">${ev.sources} ${ev.sources === 1 ? "مصدر" : "مصادر"}:
        ${ev.reports.map((r) => `<a class="report" href="#/doc/${encodeURIComponent(r.id)}">${esc(r.source || r.title || r.id)}</a>${r.published ? ` <span class="tl-date">${esc(r.published.slice(0, 10))}</span>` : ""}`).join("، ")} ·
        <a href="#" class="show-evidence" data-id="${esc(ev.id)}">الجمل الداعمة</a></div>
      <div class="evidence-box"></div>
    </div>`).join("")}</div>`;
}

function wireEvidence(root) {
  root.querySelectorAll(".show-evidence").forEach((a) => a.addEventListener("click", async (e) => {
    e.preventDefault();
    const box = a.closest(".tl-item").querySelector(".evidence-box");
    if (box.innerHTML) { box.innerHTML = ""; return; }
    try {
      const ev = await api(`/api/events/${encodeURIComponent(a.dataset.id)}`);
      box.innerHTML = ev.evidence.map((x) => `<div class="evidence">«${esc(x.sentence)}»
        <div class="muted"><a href="#/doc/${encodeURIComponent(x.document)}?s=${x.start}">${esc(x.document)}</a> · ${esc(x.rule)}</div></div>`).join("");
    } catch (err) { box.innerHTML = `<div class="error">${esc(err.message)}</div>`; }
  }));
}

// ---- pages ----
async function home() {
  const [ents, tl] = await Promise.all([api("/api/entities?limit=24"), api("/api/timeline?limit=30")]);
  view.innerHTML = `<h1>الفاعلون الأكثر ذكرًا</h1>
    <div class="grid">${ents.entities.map((e) => `<div class="card"><span class="tag ${e.type}">${LABEL_AR[e.type] || e.type}</span>
      ${entityLink(e)}<div class="muted">${e.mentions} إشارة · ${e.documents} وثيقة · ${e.events} حدث</div></div>`).join("")}</div>
    <h2>أحداث</h2>${timelineHtml(tl.events)}`;
  wireEvidence(view);
}

async function search(q) {
  document.getElementById("q").value = q;
  const r = await api(`/api/search?q=${encodeURIComponent(q)}`);
  const hl = (h) => {
    let out = "", at = 0;
    for (const [s, e] of h.highlights) {
      const enc = new TextEncoder(), dec = new TextDecoder();
      const b = enc.encode(h.snippet);
      out += esc(dec.decode(b.slice(at, s))) + `<mark class="trigger">${esc(dec.decode(b.slice(s, e)))}</mark>`;
      at = e;
    }
    return out + esc(new TextDecoder().decode(new TextEncoder().encode(h.snippet).slice(at)));
  };
  view.innerHTML = `<h1>نتائج «${esc(q)}»</h1>
    <h2>الفاعلون</h2>${r.entities.length ? `<div class="grid">${r.entities.map((e) => `<div class="card entity-hit"><span class="tag ${e.type}">${LABEL_AR[e.type] || e.type}</span>
      ${entityLink(e)}<div class="muted">${e.events} حدث · ${e.documents} وثيقة</div></div>`).join("")}</div>` : `<p class="muted">لا فاعلين بهذا الاسم.</p>`}
    <h2>الوثائق</h2>${r.documents.length ? r.documents.map((h) => `<div class="card">
      <a href="#/doc/${encodeURIComponent(h.id)}?s=${h.snippet_start}">${esc(h.title || h.id)}</a>
      <span class="muted">${esc(h.published || "")} ${esc(h.source || "")}</span><div>${hl(h)}</div></div>`).join("") : `<p class="muted">لا وثائق.</p>`}`;
}

async function entity(id) {
  const [e, tl] = await Promise.all([
    api(`/api/entities/${encodeURIComponent(id)}`),
    api(`/api/timeline?actor=${encodeURIComponent(id)}`),
  ]);
  const others = e.aliases.filter((a) => a !== e.name);
  view.innerHTML = `<h1 class="profile-name">${esc(e.name)} ${latin(e.en)}</h1>
    <p><span class="tag ${e.type}">${LABEL_AR[e.type] || e.type}</span>
      ${e.mentions} إشارة في ${e.document_count} وثيقة · ${e.events} حدث
      ${e.first_event ? ` · من <span class="tl-date">${esc(e.first_event)}</span> إلى <span class="tl-date">${esc(e.last_event)}</span>` : ""}</p>
    ${others.length ? `<p>أسماء أخرى: ${others.map(esc).join("، ")}</p>` : ""}
    ${e.roles.length ? `<h2>المناصب</h2><ul class="roles">${e.roles.map((r) => `<li>${esc(r.role)}${r.country ? ` <span class="muted">(${esc(r.country)})</span>` : ""}
      <span class="tl-date">${esc(r.first || "")}${r.last && r.last !== r.first ? " … " + esc(r.last) : ""}</span>
      <span class="muted">— ${r.documents.length} وثيقة</span></li>`).join("")}</ul>` : ""}
    <h2>الخط الزمني</h2><div id="entity-timeline">${timelineHtml(tl.events)}</div>
    <h2>يرد مع</h2>${e.co_actors.length ? `<div class="grid">${e.co_actors.map((c) => `<div class="card">${entityLink(c)}<div class="muted">${c.events} حدث مشترك</div></div>`).join("")}</div>` : `<p class="muted">—</p>`}
    <h2>الوثائق</h2>${e.documents.map((d) => `<div><a href="#/doc/${encodeURIComponent(d.id)}">${esc(d.title || d.id)}</a> <span class="muted">${esc(d.published || "")} ${esc(d.source || "")}</span></div>`).join("")}`;
  wireEvidence(view);
}

async function timeline(params) {
  const p = new URLSearchParams(params);
  const tl = await api(`/api/timeline?${p}`);
  const v = (k) => esc(p.get(k) || "");
  view.innerHTML = `<h1>الخط الزمني</h1>
    <form class="filters" id="tl-filters">
      <label>الفاعل<input name="actor" value="${v("actor")}" placeholder="الحموشي / Hammouchi"></label>
      <label>النوع<select name="type"><option value="">الكل</option>${TYPES.map((t) => `<option value="${t}" ${p.get("type") === t ? "selected" : ""}>${TYPE_AR[t]} ${t}</option>`).join("")}</select></label>
      <label>المكان<input name="place" value="${v("place")}"></label>
      <label>من<input name="since" value="${v("since")}" placeholder="2022-01" dir="ltr"></label>
      <label>إلى<input name="until" value="${v("until")}" placeholder="2023-12-31" dir="ltr"></label>
      <button type="submit">تصفية</button>
    </form>
    <p class="muted">${tl.total} حدث</p>${timelineHtml(tl.events)}`;
  document.getElementById("tl-filters").addEventListener("submit", (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const [k, val] of new FormData(e.target)) if (val.trim()) q.set(k, val.trim());
    location.hash = `#/timeline?${q}`;
  });
  wireEvidence(view);
}

async function documents() {
  const r = await api("/api/documents?limit=200");
  view.innerHTML = `<h1>الوثائق (${r.total})</h1>${r.documents.map((d) => `<div class="card">
    <a href="#/doc/${encodeURIComponent(d.id)}">${esc(d.title || d.id)}</a>
    <span class="muted">${esc(d.published || "")} ${esc(d.source || "")} · ${d.sentences} جملة</span></div>`).join("")}`;
}

async function reader(id, params) {
  const d = await api(`/api/documents/${encodeURIComponent(id)}`);
  const focus = Number(new URLSearchParams(params).get("s") ?? -1);
  // Byte offsets → marks. Work on UTF-8 bytes so offsets match the API.
  const bytes = new TextEncoder().encode(d.text);
  const dec = new TextDecoder();
  const marks = [];
  for (const m of d.mentions) {
    const ent = m.entity ? `${m.entity.name} — ${m.entity.en}` : m.name;
    marks.push({ s: m.start, e: m.end, cls: m.type, tip: `${LABEL_AR[m.type] || m.type} ${m.type}: ${ent}`, href: m.entity ? `#/entity/${encodeURIComponent(m.entity.id)}` : null });
  }
  for (const t of d.timexes) marks.push({ s: t.span.start, e: t.span.end, cls: "date", tip: `تاريخ: ${t.value || "?"}` });
  for (const ev of d.events) marks.push({ s: ev.trigger.start, e: ev.trigger.end, cls: "trigger", tip: `حدث ${ev.type}${ev.mode ? "/" + ev.mode : ""}${ev.date ? " " + ev.date : ""}${ev.event ? " — " + ev.event : ""}` });
  marks.sort((a, b) => a.s - b.s || b.e - a.e);
  const sentences = d.sentences;
  let html = "", at = 0;
  const focusSentence = sentences.find(([s, e]) => s <= focus && focus < e);
  const emit = (from, to) => {
    // Plain text between marks, with the focused sentence wrapped.
    if (from >= to) return;
    if (focusSentence && to > focusSentence[0] && from < focusSentence[1]) {
      const a = Math.max(from, focusSentence[0]), b = Math.min(to, focusSentence[1]);
      html += esc(dec.decode(bytes.slice(from, a))) + `<span class="focus">${esc(dec.decode(bytes.slice(a, b)))}</span>` + esc(dec.decode(bytes.slice(b, to)));
    } else html += esc(dec.decode(bytes.slice(from, to)));
  };
  for (const m of marks) {
    if (m.s < at) continue;
    emit(at, m.s);
    const inner = esc(dec.decode(bytes.slice(m.s, m.e)));
    const body = m.href ? `<a href="${m.href}">${inner}</a>` : inner;
    html += `<mark class="${m.cls}" data-tip="${esc(m.tip)}">${body}</mark>`;
    at = m.e;
  }
  emit(at, bytes.length);
  view.innerHTML = `<h1>${esc(d.title || d.id)}</h1>
    <p class="muted">${esc(d.source || "")} ${esc(d.published || "")} ${d.dct ? `· تاريخ المرجع ${esc(d.dct.date)}` : ""} ${d.url ? `· <a href="${esc(d.url)}" rel="noreferrer">الأصل</a>` : ""}</p>
    <p class="legend"><mark class="PER">شخص</mark><mark class="ORG">جهة</mark><mark class="LOC">مكان</mark><mark class="date">تاريخ</mark><mark class="trigger">حدث</mark></p>
    <div class="doc-text">${html}</div>`;
  const f = view.querySelector(".focus");
  if (f) f.scrollIntoView({ block: "center" });
}

async function graph() {
  const g = await api("/api/graph?limit=60");
  const W = 1000, H = 640;
  const nodes = g.nodes.map((n, i) => ({ ...n, x: W / 2 + 250 * Math.cos(i * 2.4), y: H / 2 + 200 * Math.sin(i * 2.4), vx: 0, vy: 0 }));
  const byId = Object.fromEntries(nodes.map((n) => [n.id, n]));
  const edges = g.edges.filter((e) => byId[e.source] && byId[e.target]);
  // A few hundred steps of a spring embedder: repulsion between all nodes, springs on edges.
  for (let step = 0; step < 300; step++) {
    for (const a of nodes) for (const b of nodes) {
      if (a === b) continue;
      const dx = a.x - b.x, dy = a.y - b.y, d2 = Math.max(dx * dx + dy * dy, 25);
      a.vx += (dx / d2) * 900; a.vy += (dy / d2) * 900;
    }
    for (const e of edges) {
      const a = byId[e.source], b = byId[e.target];
      const dx = b.x - a.x, dy = b.y - a.y;
      a.vx += dx * 0.01; a.vy += dy * 0.01; b.vx -= dx * 0.01; b.vy -= dy * 0.01;
    }
    for (const n of nodes) {
      n.vx += (W / 2 - n.x) * 0.002; n.vy += (H / 2 - n.y) * 0.002;
      n.x = Math.min(W - 40, Math.max(40, n.x + n.vx * 0.5)); n.y = Math.min(H - 30, Math.max(30, n.y + n.vy * 0.5));
      n.vx *= 0.6; n.vy *= 0.6;
    }
  }
  const color = { PER: "#e8a33d", ORG: "#3d7fe8", LOC: "#3da35a" };
  view.innerHTML = `<h1>شبكة الفاعلين</h1><p class="muted">العقد فاعلون، والخطوط أحداث مشتركة (السمك حسب العدد). انقر على فاعل لفتح ملفه.</p>
    <svg class="graph" viewBox="0 0 ${W} ${H}" role="img" aria-label="شبكة الفاعلين">
    ${edges.map((e) => `<line x1="${byId[e.source].x}" y1="${byId[e.source].y}" x2="${byId[e.target].x}" y2="${byId[e.target].y}" stroke="#9aa5b1" stroke-width="${Math.min(8, e.weight)}" opacity=".6"><title>${e.weight}</title></line>`).join("")}
    ${nodes.map((n) => `<g class="node" data-id="${esc(n.id)}"><circle cx="${n.x}" cy="${n.y}" r="${6 + Math.min(14, 2 * Math.sqrt(n.events))}" fill="${color[n.type] || "#888"}"><title>${esc(n.name)} — ${esc(n.en)}</title></circle>
      <text x="${n.x}" y="${n.y - 12 - Math.min(14, 2 * Math.sqrt(n.events))}" text-anchor="middle" font-size="13">${esc(n.name)}</text></g>`).join("")}
    </svg>`;
  view.querySelectorAll(".node").forEach((n) => n.addEventListener("click", () => { location.hash = `#/entity/${encodeURIComponent(n.dataset.id)}`; }));
}

async function map() {
  const r = await api("/api/places");
  const W = 1000, H = 500;
  const px = (lon) => ((lon + 180) / 360) * W, py = (lat) => ((90 - lat) / 180) * H;
  let grid = "";
  for (let lon = -180; lon <= 180; lon += 30) grid += `<line x1="${px(lon)}" y1="0" x2="${px(lon)}" y2="${H}" stroke="#eee"/>`;
  for (let lat = -60; lat <= 90; lat += 30) grid += `<line x1="0" y1="${py(lat)}" x2="${W}" y2="${py(lat)}" stroke="#eee"/>`;
  view.innerHTML = `<h1>أماكن الأحداث</h1><p class="muted">إسقاط متساوي المسافات؛ حجم الدائرة حسب عدد الأحداث. انقر لرؤية أحداث المكان.</p>
    <svg class="map" viewBox="0 0 ${W} ${H}" role="img" aria-label="خريطة">${grid}
    <line x1="0" y1="${py(0)}" x2="${W}" y2="${py(0)}" stroke="#ccc"/>
    ${r.places.map((p) => `<g class="node" data-id="${esc(p.id)}"><circle cx="${px(p.lon)}" cy="${py(p.lat)}" r="${4 + Math.min(16, 3 * Math.sqrt(p.events))}" fill="#0b6e4f" opacity=".7"><title>${esc(p.name)} — ${esc(p.en)}: ${p.events}</title></circle>
      <text x="${px(p.lon)}" y="${py(p.lat) - 8}" text-anchor="middle" font-size="12">${esc(p.name)}</text></g>`).join("")}
    </svg>
    ${r.unplaced.length ? `<p class="muted">أماكن بلا إحداثيات: ${r.unplaced.map((u) => `<a href="#/timeline?place=${encodeURIComponent(u.id)}">${esc(u.name)}</a> (${u.events})`).join("، ")}</p>` : ""}`;
  view.querySelectorAll(".node").forEach((n) => n.addEventListener("click", () => { location.hash = `#/timeline?place=${encodeURIComponent(n.dataset.id)}`; }));
}

// ---- router ----
async function route() {
  const [path, query = ""] = location.hash.replace(/^#/, "").split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  view.innerHTML = `<p class="muted">…</p>`;
  try {
    if (!parts.length) await home();
    else if (parts[0] === "search") await search(parts.slice(1).join("/"));
    else if (parts[0] === "entity") await entity(parts[1]);
    else if (parts[0] === "timeline") await timeline(query);
    else if (parts[0] === "documents") await documents();
    else if (parts[0] === "doc") await reader(parts[1], query);
    else if (parts[0] === "graph") await graph();
    else if (parts[0] === "map") await map();
    else view.innerHTML = `<p>صفحة غير معروفة.</p>`;
  } catch (e) { fail(e); }
}

document.getElementById("search").addEventListener("submit", (e) => {
  e.preventDefault();
  const q = document.getElementById("q").value.trim();
  if (q) location.hash = `#/search/${encodeURIComponent(q)}`;
});

// Hover tips on highlighted text: type and canonical entity.
const tip = document.createElement("div");
tip.id = "tip";
document.body.appendChild(tip);
document.addEventListener("mouseover", (e) => {
  const m = e.target.closest("mark[data-tip]");
  if (!m) { tip.style.display = "none"; return; }
  tip.textContent = m.dataset.tip;
  tip.style.display = "block";
});
document.addEventListener("mousemove", (e) => { tip.style.left = `${e.clientX + 12}px`; tip.style.top = `${e.clientY + 14}px`; });

api("/api/stats").then((s) => {
  document.getElementById("stats").textContent = `${s.documents} وثيقة · ${s.entities} فاعل · ${s.events} حدث — rasd`;
}).catch(() => {});
window.addEventListener("hashchange", route);
route();
