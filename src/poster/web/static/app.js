// poster web page: commune search, live contrast check, debounced preview, download.
// Plain JavaScript, no build step, no request leaves this server.
"use strict";

(function () {
  document.documentElement.classList.add("js"); // the CSS hides what needs a script without it
  const form = document.getElementById("form");
  const $ = (id) => document.getElementById(id);

  const MAX_LOGO_BYTES = 5 * 1024 * 1024;
  const MIN_CONTRAST = 4.5; // poster.contrast.MIN_CONTRAST
  const SIDE_TINT = 0.11; // poster.colors.SIDE_TINT
  // the two sides' box fills (poster.colors.side_amounts) and how far apart they must be
  const FILL_TINT = 0.22, FILL_TINT_MAX = 0.42, SIDES_SPLIT_L = 8; // poster.colors
  const SIDES_DE00 = 12, FROM_TILE_DE00 = 10; // poster.colors
  const LIGHT_BAND = 7; // poster.colors.LIGHT_BAND: a primary black reads on at 7:1 is light
  const DEFAULT_COLORS = {
    primary: "#B3261E", left: "#1F5FA8", right: "#1E7B4A", text: "#1B1B1B", background: "#F3F1EC",
  };
  // the layouts the server ships: filled from /api/layouts at start
  const LAYOUTS = { poster: [["a1-portrait", "A1 (594 × 841 mm)"]], slides: [], social: [] };
  const LOGO_PX = {}; // layout → long side a logo needs to print sharp (the server's number)
  const DEFAULT_LAYOUT = { poster: "a1-portrait", slides: "slides-16x9", social: "social-portrait" };
  const KIND_HINT = {
    poster: "Áp phích một trang, sẵn sàng cho nhà in hoặc máy in khổ lớn.",
    tiles: "Áp phích chia thành nhiều tờ A4 hoặc A3 có lề dán chồng, kèm trang sơ đồ ghép: in bằng máy in văn phòng rồi dán lại.",
    slides: "Trang bìa, trang tổng quan, mỗi điểm một trang và trang kết có mã QR. PNG: tệp ZIP, mỗi trang một ảnh.",
    social: "Thẻ ảnh cho Zalo, Facebook: thẻ bìa, mỗi điểm một thẻ, thẻ kết có mã QR. PNG: tệp ZIP gồm các ảnh và captions.txt (lời đăng và mô tả từng ảnh).",
  };
  const GROUP = (k) => (k === "slides" || k === "social" ? k : "poster"); // kind → its layouts

  // ------------------------------------------------------------------ helpers

  function debounce(fn, ms) {
    let timer = 0;
    const later = function (...args) {
      clearTimeout(timer);
      timer = setTimeout(() => fn.apply(this, args), ms);
    };
    later.cancel = () => clearTimeout(timer);
    return later;
  }

  function decimal(x) { // 4.5 → "4,5" (Vietnamese decimal comma)
    return x.toFixed(2).replace(".", ",");
  }

  // ------------------------------------------------------------------ errors next to fields
  // Two sources: the server's answer to the last request (serverErrors) and what the page
  // itself refused (pageErrors: a logo too large or not an image). A field's messages stay
  // until that field changes; the page's own stay until the officer picks another file.

  let serverErrors = {};
  let serverFixes = {}; // field → the nearest colour that passes (a refused contrast)
  const pageErrors = {};
  let generalError = "";

  function controlFor(field) {
    if (field === "logo") return $("logo");
    if (field === "format") return $("format-group");
    const el = form.elements.namedItem(field);
    if (el && el.length !== undefined && !el.tagName) return el[0]; // radio group
    return el;
  }

  function markedFor(field) { // what shows the red border
    if (field === "logo") return $("logo").closest(".field").querySelector(".drop");
    return controlFor(field);
  }

  function slotFor(field) {
    return document.querySelector(`[data-error-for="${CSS.escape(field)}"]`);
  }

  function describe_(control, id, on) {
    const ids = (control.getAttribute("aria-describedby") || "").split(/\s+/).filter((x) => x && x !== id);
    if (on) ids.push(id);
    if (ids.length) control.setAttribute("aria-describedby", ids.join(" "));
    else control.removeAttribute("aria-describedby");
  }

  function errorFields() {
    return [...new Set([...Object.keys(pageErrors), ...Object.keys(serverErrors)])].filter((f) => f);
  }

  function renderErrors() {
    document.querySelectorAll("[data-error-for]").forEach((slot) => {
      const field = slot.dataset.errorFor;
      if (!field) return;
      const messages = [...(pageErrors[field] || []), ...((serverErrors[field]) || [])];
      const text = messages.join("\n");
      if (slot.dataset.shown !== text) { // rewriting an unchanged message would announce it again
        slot.textContent = "";
        for (const m of messages) {
          const para = document.createElement("p");
          para.textContent = m;
          slot.appendChild(para);
        }
        const fix = messages.length ? serverFixes[field] : null;
        if (fix && /^#[0-9A-F]{6}$/.test(fix) && field.startsWith("colors.")) {
          // the nearest colour of the same hue that passes: one click puts it in the field
          const button = document.createElement("button");
          button.type = "button";
          button.className = "fix";
          button.dataset.fixFor = field;
          const swatch = document.createElement("span");
          swatch.className = "swatch";
          swatch.style.background = fix; // CSSOM, allowed by the page's CSP
          button.append(swatch, `Dùng màu ${fix}`);
          button.addEventListener("click", () => {
            form.elements[field].value = fix;
            const picker = $(`c-${field.slice("colors.".length)}`);
            if (picker) picker.value = fix.toLowerCase();
            form.elements[field].dispatchEvent(new Event("input", { bubbles: true }));
            showContrast();
            refresh();
          });
          slot.appendChild(button);
        }
        slot.dataset.shown = text;
      }
      const control = controlFor(field), marked = markedFor(field);
      if (marked) {
        if (messages.length) marked.setAttribute("aria-invalid", "true");
        else marked.removeAttribute("aria-invalid");
      }
      if (control) describe_(control, slot.id, messages.length > 0);
    });
    const general = slotFor("");
    const unknown = Object.entries(serverErrors).filter(([f]) => !f || !slotFor(f)).flatMap(([, m]) => m);
    const text = [generalError, ...unknown].filter(Boolean).join("\n");
    if (general.dataset.shown !== text) {
      general.textContent = "";
      for (const m of text ? text.split("\n") : []) {
        const para = document.createElement("p");
        para.textContent = m;
        general.appendChild(para);
      }
      general.dataset.shown = text;
    }
    updateDownload();
  }

  function fieldChanged(field) {
    if (serverErrors[field]) { delete serverErrors[field]; renderErrors(); }
  }

  function focusFirstError() {
    const order = [...form.querySelectorAll("[data-error-for]")].map((el) => el.dataset.errorFor);
    const first = order.find((f) => errorFields().includes(f));
    let control = first && controlFor(first);
    if (control && control.tagName === "FIELDSET") {
      control = control.querySelector("input:checked:not(:disabled)") || control.querySelector("input:not(:disabled)");
    }
    if (control && control.focus) {
      control.focus({ preventScroll: false });
      return true;
    }
    return false;
  }

  function typingElsewhere() { // the officer is typing in a text field: do not take it away
    const el = document.activeElement;
    return el && (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && !["radio", "checkbox", "file", "color"].includes(el.type)));
  }

  async function errorBody(response) {
    try {
      return await response.json();
    } catch (e) {
      return { message: `Máy chủ trả lỗi ${response.status}.`, errors: {} };
    }
  }

  function takeAnswer(status, body) { // an error answer: its messages where they belong
    if (status === 422) {
      serverErrors = (body && body.errors) || {};
      serverFixes = (body && body.fixes) || {};
      generalError = "";
    } else {
      generalError = (body && body.message) || `Máy chủ trả lỗi ${status}.`;
    }
    renderErrors();
  }

  // ------------------------------------------------------------------ download button state

  let downloading = false;

  function downloadBlock() { // why the download cannot be made now, or "" when it can
    if (downloading) return "Đang tạo tệp…";
    if (!ready()) return "Nhập tên đơn vị ở bước 1 để tải xuống.";
    // the page's own refusals keep the previous logo: they do not stop the download
    const n = Object.values(serverErrors).reduce((k, m) => k + m.length, 0);
    if (n) return n === 1 ? "Chưa tải được: còn 1 ô cần sửa (đánh dấu đỏ)." : `Chưa tải được: còn ${n} chỗ cần sửa (đánh dấu đỏ).`;
    return "";
  }

  function updateDownload() {
    const format = form.querySelector('input[name="format"]:checked');
    $("fonts-offer").hidden = !format || format.value !== "pptx" || format.disabled;
    const reason = downloadBlock();
    const button = $("download");
    button.setAttribute("aria-disabled", reason ? "true" : "false");
    $("download-reason").textContent = reason;
  }

  // ------------------------------------------------------------------ commune search

  const search = $("search");
  const results = $("search-results");
  let found = [];
  let active = -1;
  let searchAbort = null;

  function closeResults() {
    results.hidden = true;
    search.setAttribute("aria-expanded", "false");
    search.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    const items = results.querySelectorAll("li[role=option]");
    items.forEach((li, i) => li.setAttribute("aria-selected", i === index ? "true" : "false"));
    active = index;
    if (items[index]) {
      search.setAttribute("aria-activedescendant", items[index].id);
      items[index].scrollIntoView({ block: "nearest" });
    }
  }

  function renderResults() {
    results.textContent = "";
    if (!found.length) {
      const li = document.createElement("li");
      li.className = "r-none";
      li.textContent = "Không tìm thấy: hãy nhập tên trực tiếp ở ô dưới.";
      results.appendChild(li);
    }
    found.forEach((loc, i) => {
      const li = document.createElement("li");
      li.id = `loc-${i}`;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      const name = document.createElement("span");
      name.className = "r-name";
      name.textContent = loc.label;
      const auth = document.createElement("span");
      auth.className = "r-auth";
      auth.textContent = loc.authority.join(" · ");
      li.append(name, auth);
      li.addEventListener("mousedown", (e) => { e.preventDefault(); choose(i); });
      results.appendChild(li);
    });
    results.hidden = false;
    search.setAttribute("aria-expanded", "true");
    active = -1;
  }

  async function lookUpNow() {
    const q = search.value.trim();
    if (searchAbort) searchAbort.abort();
    if (!q) { closeResults(); return; }
    searchAbort = new AbortController();
    try {
      const r = await fetch(`/api/localities?q=${encodeURIComponent(q)}&limit=8`, { signal: searchAbort.signal });
      if (!r.ok) return;
      found = (await r.json()).results;
      if (search.value.trim() === q) { renderResults(); results.dataset.q = q; }
    } catch (e) {
      if (e.name !== "AbortError") closeResults();
    }
  }
  const lookUp = debounce(lookUpNow, 120);

  function choose(i) {
    const loc = found[i];
    if (!loc) return;
    search.value = loc.label;
    form.elements.name.value = loc.name;
    form.elements.province.value = loc.province || "";
    fieldChanged("name"); fieldChanged("authority");
    form.elements.authority.value = loc.authority.join("\n");
    const footer = form.elements.footer;
    if (!footer.value.trim() || footer.dataset.auto === "1") {
      footer.value = loc.footer;
      footer.dataset.auto = "1";
    }
    for (const field of ["name", "authority", "footer"]) showCount(form.elements[field]);
    closeResults();
    refresh();
  }

  search.addEventListener("input", lookUp);
  search.addEventListener("keydown", async (e) => {
    if (e.key === "Enter" && (results.hidden || !found.length || results.dataset.q !== search.value.trim())) {
      e.preventDefault(); // answered at once, without waiting for the pause in typing
      lookUp.cancel();
      await lookUpNow();
      if (found.length) choose(0);
      return;
    }
    if (results.hidden) return;
    if (e.key === "ArrowDown") { e.preventDefault(); highlight(Math.min(active + 1, found.length - 1)); }
    else if (e.key === "ArrowUp") { e.preventDefault(); highlight(Math.max(active - 1, 0)); }
    else if (e.key === "Enter") { e.preventDefault(); choose(active >= 0 ? active : 0); }
    else if (e.key === "Escape") { closeResults(); }
  });
  search.addEventListener("blur", () => setTimeout(closeResults, 120));
  form.elements.footer.addEventListener("input", (e) => { e.target.dataset.auto = "0"; });

  // ------------------------------------------------------------------ logo
  // Sent once: a large photo is made smaller here first (drawn upright, as the browser
  // shows it, at most 1 MB), the server keeps it under a token (the hash of its bytes)
  // and previews and downloads send only the token. A server that no longer has it
  // answers 409: the page sends the logo again, once, and repeats the request.

  const logo = $("logo");
  const UPLOAD_BYTES = 1024 * 1024; // a photo is made smaller than this before it is sent
  const UPLOAD_SIDE = 2048; // px, the long side of a photo made smaller (700 dpi on A0)
  const LARGEST_FILE = 40 * 1024 * 1024; // a file the page will not even try to open
  let kept = null; // { name, blob, token }: the accepted logo; a refused one never replaces it
  let logoBusy = null; // the upload under way: a preview waits for it
  let logoSeq = 0;

  async function smaller(file) { // the photo made ≤ 1 MB and upright, or the file as it is
    if (file.size <= UPLOAD_BYTES || typeof createImageBitmap !== "function") return file;
    let bitmap;
    try {
      bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
    } catch (e) {
      return file; // the server reads it (and says why not)
    }
    const type = file.type === "image/png" ? "image/png" : "image/jpeg";
    let scale = Math.min(1, UPLOAD_SIDE / Math.max(bitmap.width, bitmap.height));
    try {
      for (let i = 0; i < 10; i++) {
        const canvas = document.createElement("canvas");
        canvas.width = Math.max(1, Math.round(bitmap.width * scale));
        canvas.height = Math.max(1, Math.round(bitmap.height * scale));
        const ctx = canvas.getContext("2d");
        if (type === "image/jpeg") { ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, canvas.width, canvas.height); }
        ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
        const blob = await new Promise((done) => canvas.toBlob(done, type, 0.9));
        if (blob && blob.size <= UPLOAD_BYTES) return new File([blob], file.name, { type });
        scale *= 0.75;
      }
    } finally {
      bitmap.close();
    }
    return file;
  }

  async function sendLogo(blob, name) { // → its token, or throws { status, body }
    const body = new FormData();
    body.append("logo", blob, name);
    const r = await fetch("/api/logo", { method: "POST", body });
    if (!r.ok) throw { status: r.status, body: await errorBody(r) };
    return (await r.json()).token;
  }

  function putBack() { // the input shows the kept logo (or none) again
    const dt = new DataTransfer();
    if (kept) dt.items.add(kept.blob instanceof File ? kept.blob : new File([kept.blob], kept.name));
    logo.files = dt.files;
  }

  function refuseLogo(name, why) {
    putBack();
    pageErrors.logo = [`Tệp “${name}”: ${why}` + (kept ? ` Vẫn dùng logo trước: ${kept.name}.` : " Chưa có logo.")];
    renderErrors();
  }

  function showLogo() { // the kept logo's thumbnail (the same image while it is kept)
    const thumb = $("logo-thumb");
    const drop = logo.closest(".field").querySelector(".drop");
    if (kept && !kept.url) kept.url = URL.createObjectURL(kept.blob);
    const url = kept ? kept.url : "";
    if (thumb.getAttribute("src") !== url) {
      const old = thumb.getAttribute("src");
      if (old) URL.revokeObjectURL(old);
      if (url) thumb.src = url;
      else thumb.removeAttribute("src");
    }
    thumb.hidden = !kept;
    drop.classList.toggle("has-logo", !!kept);
    $("logo-clear").hidden = !kept;
    $("logo-text").textContent = kept ? kept.name : "Chọn ảnh PNG hoặc JPEG";
    $("logo-token").value = kept ? kept.token : "";
    renderErrors();
  }

  logo.addEventListener("change", async () => {
    const file = logo.files && logo.files[0];
    if (!file) { putBack(); return; } // the dialog was closed: the logo stays
    delete serverErrors.logo;
    $("logo-note").textContent = "";
    if (!/^image\/(png|jpeg)$/.test(file.type)) { refuseLogo(file.name, "không phải ảnh PNG hoặc JPEG."); return; }
    if (file.size > LARGEST_FILE) {
      const mb = (file.size / 1048576).toFixed(1).replace(".", ",");
      refuseLogo(file.name, `quá lớn: ${mb} MB.`);
      return;
    }
    const seq = ++logoSeq;
    const drop = logo.closest(".field").querySelector(".drop");
    drop.classList.add("busy");
    $("logo-text").textContent = `Đang gửi ${file.name}…`;
    setStatus("Đang gửi logo…", true);
    logoBusy = (async () => {
      const blob = await smaller(file);
      if (blob.size > MAX_LOGO_BYTES) {
        const mb = (blob.size / 1048576).toFixed(1).replace(".", ",");
        throw { status: 413, body: { message: `quá lớn: ${mb} MB, tối đa 5 MB.`, errors: {} } };
      }
      return { name: file.name, blob, token: await sendLogo(blob, file.name) };
    })();
    try {
      const got = await logoBusy;
      if (seq !== logoSeq) return;
      kept = got;
      delete pageErrors.logo;
    } catch (e) {
      if (seq !== logoSeq) return;
      const body = (e && e.body) || {};
      const why = (body.errors && body.errors.logo && body.errors.logo[0]) || body.message || "không gửi được.";
      refuseLogo(file.name, why.charAt(0).toLowerCase() + why.slice(1));
    } finally {
      if (seq === logoSeq) {
        logoBusy = null;
        drop.classList.remove("busy");
        showLogo();
        refresh();
      }
    }
  });

  $("logo-clear").addEventListener("click", () => {
    kept = null;
    logo.value = "";
    delete pageErrors.logo;
    delete serverErrors.logo;
    $("logo-note").textContent = "";
    showLogo();
    refresh();
    logo.focus();
  });

  function requestBody() { // the form without the logo's file: its token stands for it
    const body = new FormData(form);
    body.delete("logo");
    body.set("logo_token", kept ? kept.token : "");
    return body;
  }

  async function post(path, signal) { // a preview or a download; the logo sent again once if needed
    if (logoBusy) { try { await logoBusy; } catch (e) { /* refused: the previous logo */ } }
    let r = await fetch(path, { method: "POST", body: requestBody(), signal });
    if (r.status === 409 && r.headers.get("X-Poster-Resend") === "logo" && kept) {
      try {
        kept.token = await sendLogo(kept.blob, kept.name);
        $("logo-token").value = kept.token;
      } catch (e) {
        return r;
      }
      r = await fetch(path, { method: "POST", body: requestBody(), signal });
    }
    return r;
  }

  // ------------------------------------------------------------------ colours and contrast

  const HEX = /^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$/;

  function parseHex(text) {
    const m = HEX.exec((text || "").trim());
    if (!m) return null;
    let d = m[1];
    if (d.length === 3) d = d.split("").map((c) => c + c).join("");
    return [0, 2, 4].map((i) => parseInt(d.slice(i, i + 2), 16) / 255);
  }

  function toHex(rgb) {
    return "#" + rgb.map((v) => Math.round(v * 255).toString(16).padStart(2, "0")).join("").toUpperCase();
  }

  function tint(rgb, amount) { // amount of the ink on white paper (poster.colors.Color.tint)
    return rgb.map((v) => v * amount + (1 - amount));
  }

  function luminance(rgb) {
    const [r, g, b] = rgb.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }

  function contrast(a, b) {
    const la = luminance(a), lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  // CIELAB (D50, Bradford-adapted from sRGB's D65): poster.colors.srgb_to_lab
  function lab(rgb) {
    const [r, g, b] = rgb.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    const x = (0.4360747 * r + 0.3850649 * g + 0.1430804 * b) / 0.9642;
    const y = 0.2225045 * r + 0.7168786 * g + 0.0606169 * b;
    const z = (0.0139322 * r + 0.0971045 * g + 0.7141733 * b) / 0.8249;
    const f = (t) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
    return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
  }

  // CIEDE2000 (Sharma, Wu and Dalal 2005): poster.colors.delta_e00
  function deltaE00([L1, a1, b1], [L2, a2, b2]) {
    const rad = Math.PI / 180;
    const cMean = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
    const g = 0.5 * (1 - Math.sqrt(cMean ** 7 / (cMean ** 7 + 25 ** 7)));
    const a1p = (1 + g) * a1, a2p = (1 + g) * a2;
    const c1p = Math.hypot(a1p, b1), c2p = Math.hypot(a2p, b2);
    const hue = (b, a) => (a || b ? ((Math.atan2(b, a) / rad) % 360 + 360) % 360 : 0);
    const h1p = hue(b1, a1p), h2p = hue(b2, a2p);
    let dh = 0, hMean = h1p + h2p;
    if (c1p * c2p !== 0) {
      dh = h2p - h1p;
      if (dh > 180) dh -= 360; else if (dh < -180) dh += 360;
      hMean = (h1p + h2p) / 2;
      if (Math.abs(h1p - h2p) > 180) hMean += h1p + h2p < 360 ? 180 : -180;
    }
    const dL = L2 - L1, dC = c2p - c1p;
    const dH = 2 * Math.sqrt(c1p * c2p) * Math.sin((dh / 2) * rad);
    const lMean = (L1 + L2) / 2, cMeanP = (c1p + c2p) / 2;
    const t = 1 - 0.17 * Math.cos((hMean - 30) * rad) + 0.24 * Math.cos(2 * hMean * rad)
      + 0.32 * Math.cos((3 * hMean + 6) * rad) - 0.2 * Math.cos((4 * hMean - 63) * rad);
    const sl = 1 + (0.015 * (lMean - 50) ** 2) / Math.sqrt(20 + (lMean - 50) ** 2);
    const sc = 1 + 0.045 * cMeanP, sh = 1 + 0.015 * cMeanP * t;
    const rt = -2 * Math.sqrt(cMeanP ** 7 / (cMeanP ** 7 + 25 ** 7))
      * Math.sin(60 * Math.exp(-(((hMean - 275) / 25) ** 2)) * rad);
    const x = dL / sl, y = dC / sc, z = dH / sh;
    return Math.sqrt(x * x + y * y + z * z + rt * y * z);
  }

  const PAPER = [100, 0, 0];

  function lightness(rgb) { // CIE L* from the luminance: poster.colors.lightness
    const y = luminance(rgb);
    return y > 216 / 24389 ? 116 * Math.cbrt(y) - 16 : y * 24389 / 27;
  }

  // The least tint from `start` up to FILL_TINT_MAX whose fill is `good`, to 0.1 %; null
  // if even the deepest is not (poster.colors._least_amount).
  function leastAmount(rgb, start, good) {
    if (good(tint(rgb, start))) return start;
    if (!good(tint(rgb, FILL_TINT_MAX))) return null;
    let lo = start, hi = FILL_TINT_MAX;
    while (hi - lo > 0.001) {
      const mid = (lo + hi) / 2;
      if (good(tint(rgb, mid))) hi = mid; else lo = mid;
    }
    return Math.ceil(hi * 1e4) / 1e4; // up: still good
  }

  // Each side's box fill: deepened off the white tile, the two set apart in lightness
  // (poster.colors.side_amounts).
  function sideFills(left, right) {
    const offTile = (rgb) => deltaE00(lab(rgb), PAPER) >= FROM_TILE_DE00;
    const sides = [left, right];
    const amounts = sides.map((c) => { const a = leastAmount(c, FILL_TINT, offTile); return a === null ? FILL_TINT : a; });
    const light = sides.map((c, i) => lightness(tint(c, amounts[i])));
    const options = [];
    for (const deeper of [1, 0]) {
      const target = light[1 - deeper] - SIDES_SPLIT_L;
      const got = leastAmount(sides[deeper], amounts[deeper], (rgb) => lightness(rgb) <= target);
      if (got !== null) options.push([got - amounts[deeper], deeper, got]);
    }
    if (options.length) {
      options.sort((p, q) => Math.round(p[0] * 1e4) - Math.round(q[0] * 1e4) || q[1] - p[1]);
      amounts[options[0][1]] = options[0][2];
    }
    return sides.map((c, i) => tint(c, amounts[i]));
  }

  function bandInk(primary) { // poster.colors.band_ink: white on a dark band, else black
    const white = [1, 1, 1], black = [0, 0, 0];
    if (contrast(white, primary) >= MIN_CONTRAST) return white;
    return contrast(white, primary) >= contrast(black, primary) ? white : black;
  }

  function colorValue(key) {
    return parseHex(form.elements[`colors.${key}`].value);
  }

  // The pairs of poster.contrast.contrast_problems, in its order. A light primary (black
  // reads on it at 7:1) is a band with black text, not a colour of text on the background.
  function contrastPairs(c) {
    const white = [1, 1, 1];
    const leftTint = tint(c.left, SIDE_TINT), rightTint = tint(c.right, SIDE_TINT);
    const pairs = [
      ["Chữ trên nền áp phích", c.text, c.background],
      ["Chữ trên ô nền trắng", c.text, white],
      ["Chữ trên nền nhạt bên trái", c.text, leftTint],
      ["Chữ trên nền nhạt bên phải", c.text, rightTint],
      ["Nhãn trái trên nền nhạt", c.left, leftTint],
      ["Nhãn phải trên nền nhạt", c.right, rightTint],
      ["Chữ trên dải màu chủ đạo", bandInk(c.primary), c.primary],
    ];
    if (contrast([0, 0, 0], c.primary) < LIGHT_BAND) pairs.push(["Màu chủ đạo trên nền", c.primary, c.background]);
    return pairs;
  }

  // The two sides' boxes told apart (poster.contrast.sides_problems): ΔE00 between them.
  function showSides(list, c) {
    const [left, right] = sideFills(c.left, c.right);
    const apart = deltaE00(lab(left), lab(right));
    const pale = Math.min(deltaE00(lab(left), PAPER), deltaE00(lab(right), PAPER));
    const ok = apart >= SIDES_DE00 && pale >= FROM_TILE_DE00;
    const li = document.createElement("li");
    li.className = "sides";
    const sw = document.createElement("span");
    sw.className = "swatch sides-sample";
    sw.setAttribute("aria-hidden", "true"); // the two boxes' fills, half and half
    sw.style.background = `linear-gradient(90deg, ${toHex(left)} 50%, ${toHex(right)} 50%)`;
    const pair = document.createElement("span");
    pair.className = "pair";
    pair.textContent = "Nền hai cột khác nhau";
    const value = document.createElement("span");
    value.className = `ratio ${ok ? "ok" : "bad"}`;
    const shown = apart.toFixed(1).replace(".", ",");
    value.textContent = `ΔE ${shown}`;
    value.title = ok ? "Đạt" : `Chưa đạt: nền hai cột cần cách nhau ít nhất ΔE00 ${SIDES_DE00}`;
    value.setAttribute("aria-label", `ΔE00 ${shown}, ${ok ? "đạt" : "chưa đạt"}`);
    li.append(sw, pair, value);
    list.appendChild(li);
  }

  function showContrast() {
    const list = $("contrast");
    list.textContent = "";
    const c = {};
    for (const key of Object.keys(DEFAULT_COLORS)) c[key] = colorValue(key);
    if (Object.values(c).some((v) => !v)) {
      const li = document.createElement("li");
      li.textContent = "Nhập đủ năm mã màu dạng #RRGGBB để kiểm tra độ tương phản.";
      list.appendChild(li);
      return;
    }
    for (const [label, fg, bg] of contrastPairs(c)) {
      const ratio = contrast(fg, bg);
      const ok = ratio >= MIN_CONTRAST;
      const li = document.createElement("li");
      const sw = document.createElement("span");
      sw.className = "swatch";
      sw.setAttribute("aria-hidden", "true"); // a sample of the poster's colours, drawn by the
      sw.dataset.contrastSample = ok ? "pass" : "fail"; // CSS: failing contrast is what it shows
      sw.style.color = toHex(fg);
      sw.style.backgroundColor = toHex(bg);
      const pair = document.createElement("span");
      pair.className = "pair";
      pair.textContent = label;
      const value = document.createElement("span");
      value.className = `ratio ${ok ? "ok" : "bad"}`;
      value.textContent = `${decimal(ratio)}:1`;
      value.title = ok ? "Đạt" : "Chưa đạt: cần ít nhất 4,5:1";
      value.setAttribute("aria-label", `${decimal(ratio)}:1, ${ok ? "đạt" : "chưa đạt"}`);
      li.append(sw, pair, value);
      list.appendChild(li);
    }
    showSides(list, c);
  }

  function showSample(picker, known) { // an invalid code shows no colour: a hatched "?"
    picker.parentElement.classList.toggle("unknown", !known);
    picker.title = known ? "" : "Mã màu bên cạnh chưa đúng";
  }

  form.querySelectorAll("input[type=color]").forEach((picker) => {
    const hex = form.elements[picker.dataset.hex];
    picker.addEventListener("input", () => {
      touched = true;
      hex.value = picker.value.toUpperCase();
      fieldChanged(picker.dataset.hex);
      showContrast();
      refresh();
    });
    hex.addEventListener("input", () => {
      const rgb = parseHex(hex.value);
      if (rgb) picker.value = toHex(rgb).toLowerCase();
      showSample(picker, !!rgb);
      showContrast();
    });
  });

  $("reset-colors").addEventListener("click", () => {
    for (const [key, value] of Object.entries(DEFAULT_COLORS)) {
      form.elements[`colors.${key}`].value = value;
      $(`c-${key}`).value = value.toLowerCase();
      showSample($(`c-${key}`), true);
      fieldChanged(`colors.${key}`);
    }
    showContrast();
    refresh();
  });

  // ------------------------------------------------------------------ output choices

  function kind() {
    return form.elements.kind.value;
  }

  function showKind() {
    const k = kind();
    const select = form.elements.layout;
    const wanted = LAYOUTS[GROUP(k)];
    if (!wanted.some(([v]) => v === select.value) || select.options.length !== wanted.length) {
      const previous = select.value;
      select.textContent = "";
      for (const [value, label] of wanted) select.add(new Option(label, value));
      const fallback = wanted.some(([v]) => v === DEFAULT_LAYOUT[GROUP(k)])
        ? DEFAULT_LAYOUT[GROUP(k)] : (wanted[0] || [""])[0];
      select.value = wanted.some(([v]) => v === previous) ? previous : fallback;
    }
    $("layout-label").textContent = k === "slides" ? "Tỉ lệ màn hình" : k === "social" ? "Kích thước thẻ" : "Khổ áp phích";
    const tiles = k === "tiles", slides = k === "slides", social = k === "social";
    $("sheet-field").hidden = !tiles;
    form.elements.sheet.disabled = !tiles;
    const pptx = form.querySelector('input[name=format][value=pptx]');
    const png = form.querySelector('input[name=format][value=png]');
    pptx.disabled = !slides;
    png.disabled = tiles;
    if ((pptx.disabled && pptx.checked) || (png.disabled && png.checked)) {
      form.querySelector('input[name=format][value=pdf]').checked = true;
    }
    if (social && !png.checked) png.checked = true; // the cards are images to post
    $("print-options").hidden = slides || social;
    for (const name of ["marks", "cmyk"]) form.elements[name].disabled = slides || social;
    $("subtitle-field").hidden = !slides;
    form.elements.subtitle.disabled = !slides;
    $("kind-hint").textContent = KIND_HINT[k];
    showLogoAdvice();
  }

  function showLogoAdvice() {
    const select = form.elements.layout;
    const px = LOGO_PX[select.value];
    const label = select.selectedOptions[0] ? select.selectedOptions[0].textContent.split(" (")[0] : "";
    $("logo-advice").textContent = px
      ? `Cạnh dài từ ${px} điểm ảnh cho bản in nét ở khổ ${label}.`
      : "Ảnh vuông, nền trong suốt hoặc trắng.";
  }

  form.addEventListener("change", (e) => {
    if (e.target.name === "kind") {
      showKind();
      for (const f of ["layout", "sheet", "format", "marks", "cmyk", "subtitle"]) fieldChanged(f);
    }
    if (e.target.name === "layout") showLogoAdvice();
    if (e.target.name && (e.target.tagName === "SELECT" || ["radio", "checkbox"].includes(e.target.type))) {
      fieldChanged(e.target.name); // text fields are cleared as they are typed in, not on leaving
    }
    if (["kind", "layout", "sheet", "format", "marks", "cmyk"].includes(e.target.name)) refresh();
  });

  // ------------------------------------------------------------------ preview

  let previewAbort = null;
  let previewSeq = 0;
  let touched = false; // the officer has typed or chosen something
  const previewImg = $("preview");
  const pagesImg = $("pages");
  const mini = $("mini");

  function ready() {
    return form.elements.name.value.trim() !== "";
  }

  function setImage(img, blob) {
    if (img.src && img.src.startsWith("blob:")) URL.revokeObjectURL(img.src);
    if (blob) {
      img.src = URL.createObjectURL(blob);
      img.hidden = false;
    } else {
      img.removeAttribute("src");
      img.hidden = true;
    }
  }

  function showWarnings(list) {
    const ul = $("warnings");
    ul.textContent = "";
    for (const w of list) {
      const li = document.createElement("li");
      li.textContent = w;
      ul.appendChild(li);
    }
  }

  function describePages(pages) {
    const k = kind();
    if (k === "slides") return `${pages} trang chiếu`;
    if (k === "social") return `${pages} thẻ ảnh`;
    if (k === "tiles") return `${pages} trang: sơ đồ ghép và ${pages - 1} tờ ${form.elements.sheet.value}`;
    return "1 trang";
  }

  // On a phone the preview is far below the fields: a small copy floats at the corner
  // while the big one is out of view, says when it changed, and opens the big one.
  let previewInView = true;
  if ("IntersectionObserver" in window) {
    new IntersectionObserver((entries) => {
      previewInView = entries.some((e) => e.isIntersecting);
      showMini();
    }, { threshold: 0.25 }).observe($("preview-box"));
  }
  const narrow = window.matchMedia("(max-width: 700px)");
  narrow.addEventListener("change", showMini);

  function showMini() {
    mini.hidden = !(narrow.matches && !previewInView && (previewImg.src || $("status").textContent));
  }

  function miniSays(text, state) {
    $("mini-status").textContent = text;
    mini.dataset.state = state;
    showMini();
  }

  mini.addEventListener("click", () => {
    $("preview-title").scrollIntoView({ behavior: "smooth", block: "start" });
    $("download").focus({ preventScroll: true });
  });

  function setStatus(text, busy) {
    const el = $("status");
    el.textContent = text;
    el.classList.toggle("busy", !!busy);
    miniSays(text, busy ? "busy" : "done");
  }

  async function updatePreview(attempt = 0) {
    if (!ready()) {
      setStatus(touched ? "Cần tên đơn vị" : "", false);
      if (touched) { serverErrors = { ...serverErrors, name: ["Nhập tên đơn vị để xem trước và tải xuống."] }; renderErrors(); }
      return;
    }
    if (previewAbort) previewAbort.abort();
    const controller = new AbortController();
    previewAbort = controller;
    const seq = ++previewSeq;
    setStatus("Đang cập nhật…", true);
    $("preview-box").classList.add("stale");
    try {
      const r = await post("/api/preview", controller.signal);
      if (seq !== previewSeq) return;
      if ((r.status === 429 || r.status === 503) && attempt < 3) { // busy: try again shortly
        const wait = Math.min(10, parseInt(r.headers.get("Retry-After") || "2", 10) || 2);
        setStatus("Máy chủ đang bận, thử lại…", true);
        setTimeout(() => { if (seq === previewSeq) updatePreview(attempt + 1); }, wait * 1000);
        return;
      }
      if (!r.ok) {
        takeAnswer(r.status, await errorBody(r));
        setStatus(r.status === 422 ? "Cần sửa các ô đánh dấu đỏ" : "Chưa xem trước được", false);
        if (r.status === 422 && !typingElsewhere()) focusFirstError();
        $("preview-box").dataset.done = String(seq);
        return;
      }
      serverErrors = {};
      serverFixes = {};
      generalError = "";
      renderErrors();
      const pages = parseInt(r.headers.get("X-Poster-Pages") || "1", 10);
      const filename = r.headers.get("X-Poster-Filename") || "";
      let warnings = [];
      try { warnings = JSON.parse(r.headers.get("X-Poster-Warnings") || "[]"); } catch (e) { /* none */ }
      const blob = await r.blob();
      setImage(previewImg, blob);
      $("mini-img").src = previewImg.src;
      $("preview-empty").hidden = true;
      $("preview-box").classList.remove("empty", "stale");
      $("logo-note").textContent = warnings.join(" ");
      showWarnings([]);
      $("filename").textContent = filename;
      $("pages-info").textContent = describePages(pages);
      setStatus("Đã cập nhật", false);
      mini.classList.remove("flash");
      void mini.offsetWidth; // restart the animation
      mini.classList.add("flash");
      $("preview-box").dataset.done = String(seq);
      if (pages > 1) {
        const t = await post("/api/preview?view=pages", controller.signal);
        if (seq === previewSeq && t.ok) setImage(pagesImg, await t.blob());
      } else {
        setImage(pagesImg, null);
      }
    } catch (e) {
      if (e.name === "AbortError") return;
      if (seq === previewSeq) setStatus("Mất kết nối tới máy chủ", false);
    }
  }

  const later = debounce(updatePreview, 350);
  function refresh() { // says at once that the preview is behind, renders when typing pauses
    if (ready()) setStatus("Đang cập nhật…", true);
    updateDownload();
    later();
  }
  form.addEventListener("input", (e) => {
    if (!e.target.name) return; // the commune search: it fills the fields when chosen
    touched = true;
    if (e.target.name === "name") form.elements.province.value = ""; // typed, not found
    if (e.target.name) fieldChanged(e.target.name);
    if (e.target.type === "color" || e.target.type === "file") return; // handled above
    refresh();
  });

  // ------------------------------------------------------------------ limits, before they are reached
  // Every text field says its limit under it; from 80 % of it the count shows, and past it
  // the field says by how much (the server refuses it with the same number: nothing is cut).

  function flat(text) { // as the server counts: NFC, runs of white space as one space
    return (text || "").normalize("NFC").split(/\s+/).filter(Boolean).join(" ");
  }

  function showCount(el) {
    const slot = el && el.name && document.querySelector(`[data-count-for="${CSS.escape(el.name)}"]`);
    if (!slot) return;
    if (slot.dataset.base === undefined) slot.dataset.base = slot.textContent;
    const max = parseInt(el.dataset.max, 10);
    let text = slot.dataset.base, state = "";
    if (el.dataset.lines) {
      const most = parseInt(el.dataset.lines, 10);
      const lines = el.value.split("\n").map(flat).filter(Boolean);
      const longest = Math.max(0, ...lines.map((l) => [...l].length));
      if (lines.length > most) {
        text = `${lines.length} dòng: tối đa ${most} dòng, hãy bớt ${lines.length - most} dòng.`; state = "over";
      } else if (longest > max) {
        text = `Có dòng dài ${longest} ký tự: tối đa ${max} ký tự mỗi dòng, hãy rút gọn.`; state = "over";
      } else if (longest >= 0.8 * max) {
        text = `Dòng dài nhất ${longest}/${max} ký tự; tối đa ${most} dòng.`; state = "near";
      }
    } else {
      const n = [...flat(el.value)].length;
      if (n > max) { text = `${n}/${max} ký tự: quá ${n - max} ký tự, hãy rút gọn.`; state = "over"; }
      else if (n >= 0.8 * max) { text = `${n}/${max} ký tự: còn ${max - n} ký tự.`; state = "near"; }
    }
    if (slot.textContent !== text) slot.textContent = text;
    slot.classList.toggle("near", state === "near");
    slot.classList.toggle("over", state === "over");
  }

  form.querySelectorAll("[data-max]").forEach((el) => {
    el.addEventListener("input", () => showCount(el));
    showCount(el);
  });

  // ------------------------------------------------------------------ download

  function filenameFrom(header, fallback) {
    const star = /filename\*=UTF-8''([^;]+)/i.exec(header || "");
    if (star) return decodeURIComponent(star[1]);
    const plain = /filename="([^"]+)"/i.exec(header || "");
    return plain ? plain[1] : fallback;
  }

  $("download").addEventListener("click", async () => {
    const button = $("download");
    if (downloading) return;
    if (downloadBlock()) { // say why, where the problem is
      if (!focusFirstError() && !ready()) form.elements.name.focus();
      return;
    }
    const label = button.querySelector(".download-label");
    downloading = true;
    updateDownload();
    label.textContent = "Đang tạo tệp…";
    try {
      const r = await post("/api/download");
      if (!r.ok) {
        takeAnswer(r.status, await errorBody(r));
        downloading = false;
        if (r.status === 422) focusFirstError();
        return;
      }
      generalError = "";
      renderErrors();
      const name = filenameFrom(r.headers.get("Content-Disposition"), "ap-phich.pdf");
      const url = URL.createObjectURL(await r.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      $("download-reason").textContent = `Đã tải xuống ${name}.`;
    } catch (e) {
      takeAnswer(0, { message: "Mất kết nối tới máy chủ: hãy thử lại." });
    } finally {
      downloading = false;
      label.textContent = "Tải xuống";
      const done = $("download-reason").textContent;
      updateDownload();
      if (!downloadBlock() && done.startsWith("Đã tải")) $("download-reason").textContent = done;
      if (document.activeElement === document.body || document.activeElement === button) button.focus();
    }
  });

  // ------------------------------------------------------------------ start

  async function loadLayouts() {
    try {
      const response = await fetch("/api/layouts");
      if (!response.ok) return;
      const body = await response.json();
      LAYOUTS.poster = []; LAYOUTS.slides = []; LAYOUTS.social = [];
      for (const item of body.layouts) {
        LAYOUTS[item.kind === "deck" ? "slides" : item.kind === "social" ? "social" : "poster"].push([item.name, item.label]);
        LOGO_PX[item.name] = item.logo_px;
      }
      const select = form.elements.layout;
      select.textContent = "";  // showKind refills it from LAYOUTS
      showKind();
    } catch (err) {
      // the shipped default stays selectable
    }
  }

  form.addEventListener("submit", (e) => e.preventDefault());
  showKind();
  showContrast();
  showLogo();
  updateDownload();
  loadLayouts().then(() => { if (ready()) refresh(); });
})();
