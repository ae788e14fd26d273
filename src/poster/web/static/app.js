// poster web page: commune search, live contrast check, debounced preview, download.
// Plain JavaScript, no build step, no request leaves this server.
"use strict";

(function () {
  const form = document.getElementById("form");
  const $ = (id) => document.getElementById(id);

  const MAX_LOGO_BYTES = 5 * 1024 * 1024;
  const MIN_CONTRAST = 4.5; // poster.contrast.MIN_CONTRAST
  const SIDE_TINT = 0.11; // poster.colors.SIDE_TINT
  const DEFAULT_COLORS = {
    primary: "#B3261E", left: "#1F5FA8", right: "#1E7B4A", text: "#1B1B1B", background: "#F3F1EC",
  };
  // the layouts the server ships: filled from /api/layouts at start
  const LAYOUTS = { poster: [["a1-portrait", "A1 (594 × 841 mm)"]], slides: [] };
  const DEFAULT_LAYOUT = { poster: "a1-portrait", slides: "slides-16x9" };
  const KIND_HINT = {
    poster: "Áp phích một trang, sẵn sàng cho nhà in hoặc máy in khổ lớn.",
    tiles: "Áp phích chia thành nhiều tờ A4 hoặc A3 có lề dán chồng, kèm trang sơ đồ ghép: in bằng máy in văn phòng rồi dán lại.",
    slides: "Trang bìa, trang tổng quan, mỗi điểm một trang và trang kết có mã QR. PNG: tệp ZIP, mỗi trang một ảnh.",
  };

  // ------------------------------------------------------------------ helpers

  function debounce(fn, ms) {
    let timer = 0;
    return function (...args) {
      clearTimeout(timer);
      timer = setTimeout(() => fn.apply(this, args), ms);
    };
  }

  function decimal(x) { // 4.5 → "4,5" (Vietnamese decimal comma)
    return x.toFixed(2).replace(".", ",");
  }

  function setStatus(text, busy) {
    const el = $("status");
    el.textContent = text;
    el.classList.toggle("busy", !!busy);
  }

  // ------------------------------------------------------------------ errors next to fields

  function clearErrors() {
    form.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
    document.querySelectorAll("[data-error-for]").forEach((el) => { el.textContent = ""; });
  }

  function controlFor(field) {
    if (field === "logo") return $("logo").closest(".field").querySelector(".drop");
    return form.elements.namedItem(field);
  }

  function showErrors(body) {
    clearErrors();
    const errors = (body && body.errors) || {};
    const general = document.querySelector('[data-error-for=""]');
    let shown = 0;
    for (const [field, messages] of Object.entries(errors)) {
      let slot = document.querySelector(`[data-error-for="${CSS.escape(field)}"]`);
      if (!slot || field === "") slot = general;
      for (const message of messages) {
        const p = document.createElement("p");
        p.textContent = message;
        slot.appendChild(p);
        shown += 1;
      }
      const control = field && controlFor(field);
      if (control && control.setAttribute) control.setAttribute("aria-invalid", "true");
      const fix = body.fixes && body.fixes[field];
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
          showContrast();
          refresh();
        });
        slot.appendChild(button);
      }
    }
    if (!shown && body && body.message) {
      const p = document.createElement("p");
      p.textContent = body.message;
      general.appendChild(p);
    }
  }

  async function errorBody(response) {
    try {
      return await response.json();
    } catch (e) {
      return { message: `Máy chủ trả lỗi ${response.status}.`, errors: {} };
    }
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

  const lookUp = debounce(async () => {
    const q = search.value.trim();
    if (searchAbort) searchAbort.abort();
    if (!q) { closeResults(); return; }
    searchAbort = new AbortController();
    try {
      const r = await fetch(`/api/localities?q=${encodeURIComponent(q)}&limit=8`, { signal: searchAbort.signal });
      if (!r.ok) return;
      found = (await r.json()).results;
      if (search.value.trim() === q) renderResults();
    } catch (e) {
      if (e.name !== "AbortError") closeResults();
    }
  }, 120);

  function choose(i) {
    const loc = found[i];
    if (!loc) return;
    search.value = loc.label;
    form.elements.name.value = loc.name;
    form.elements.authority.value = loc.authority.join("\n");
    const footer = form.elements.footer;
    if (!footer.value.trim() || footer.dataset.auto === "1") {
      footer.value = loc.footer;
      footer.dataset.auto = "1";
    }
    closeResults();
    refresh();
  }

  search.addEventListener("input", lookUp);
  search.addEventListener("keydown", (e) => {
    if (results.hidden) return;
    if (e.key === "ArrowDown") { e.preventDefault(); highlight(Math.min(active + 1, found.length - 1)); }
    else if (e.key === "ArrowUp") { e.preventDefault(); highlight(Math.max(active - 1, 0)); }
    else if (e.key === "Enter") { e.preventDefault(); choose(active >= 0 ? active : 0); }
    else if (e.key === "Escape") { closeResults(); }
  });
  search.addEventListener("blur", () => setTimeout(closeResults, 120));
  form.elements.footer.addEventListener("input", (e) => { e.target.dataset.auto = "0"; });

  // ------------------------------------------------------------------ logo

  const logo = $("logo");
  function showLogo() {
    const file = logo.files && logo.files[0];
    const thumb = $("logo-thumb");
    const drop = logo.closest(".field").querySelector(".drop");
    if (thumb.src) URL.revokeObjectURL(thumb.src);
    $("logo-note").textContent = "";
    document.querySelector('[data-error-for="logo"]').textContent = "";
    drop.removeAttribute("aria-invalid");
    if (file && file.size > MAX_LOGO_BYTES) {
      const mb = (file.size / 1048576).toFixed(1).replace(".", ",");
      showFieldError("logo", `Tệp quá lớn: ${mb} MB, tối đa 5 MB.`);
      logo.value = "";
    } else if (file && !/^image\/(png|jpeg)$/.test(file.type)) {
      showFieldError("logo", "Cần ảnh PNG hoặc JPEG.");
      logo.value = "";
    }
    const kept = logo.files && logo.files[0];
    thumb.hidden = !kept;
    drop.classList.toggle("has-logo", !!kept);
    $("logo-clear").hidden = !kept;
    $("logo-text").textContent = kept ? kept.name : "Chọn ảnh PNG hoặc JPEG";
    if (kept) thumb.src = URL.createObjectURL(kept);
    else thumb.removeAttribute("src");
  }

  function showFieldError(field, message) {
    const slot = document.querySelector(`[data-error-for="${field}"]`);
    const p = document.createElement("p");
    p.textContent = message;
    slot.textContent = "";
    slot.appendChild(p);
    const control = controlFor(field);
    if (control) control.setAttribute("aria-invalid", "true");
  }

  logo.addEventListener("change", () => { showLogo(); refresh(); });
  $("logo-clear").addEventListener("click", () => { logo.value = ""; showLogo(); refresh(); });

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

  function colorValue(key) {
    return parseHex(form.elements[`colors.${key}`].value);
  }

  // The pairs of poster.contrast.contrast_problems, in its order.
  function contrastPairs(c) {
    const white = [1, 1, 1];
    const leftTint = tint(c.left, SIDE_TINT), rightTint = tint(c.right, SIDE_TINT);
    return [
      ["Chữ trên nền áp phích", c.text, c.background],
      ["Chữ trên ô nền trắng", c.text, white],
      ["Chữ trên nền nhạt bên trái", c.text, leftTint],
      ["Chữ trên nền nhạt bên phải", c.text, rightTint],
      ["Nhãn trái trên nền nhạt", c.left, leftTint],
      ["Nhãn phải trên nền nhạt", c.right, rightTint],
      ["Màu chủ đạo trên nền", c.primary, c.background],
    ];
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
      const li = document.createElement("li");
      const sw = document.createElement("span");
      sw.className = "swatch";
      sw.textContent = "Aa";
      sw.style.color = toHex(fg);
      sw.style.backgroundColor = toHex(bg);
      const pair = document.createElement("span");
      pair.className = "pair";
      pair.textContent = label;
      const value = document.createElement("span");
      const ok = ratio >= MIN_CONTRAST;
      value.className = `ratio ${ok ? "ok" : "bad"}`;
      value.textContent = `${decimal(ratio)}:1`;
      value.title = ok ? "Đạt" : "Chưa đạt: cần ít nhất 4,5:1";
      li.append(sw, pair, value);
      list.appendChild(li);
    }
  }

  form.querySelectorAll("input[type=color]").forEach((picker) => {
    const hex = form.elements[picker.dataset.hex];
    picker.addEventListener("input", () => {
      hex.value = picker.value.toUpperCase();
      showContrast();
      refresh();
    });
    hex.addEventListener("input", () => {
      const rgb = parseHex(hex.value);
      if (rgb) picker.value = toHex(rgb).toLowerCase();
      showContrast();
    });
  });

  $("reset-colors").addEventListener("click", () => {
    for (const [key, value] of Object.entries(DEFAULT_COLORS)) {
      form.elements[`colors.${key}`].value = value;
      $(`c-${key}`).value = value.toLowerCase();
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
    const wanted = k === "slides" ? LAYOUTS.slides : LAYOUTS.poster;
    if (!wanted.some(([v]) => v === select.value) || select.options.length !== wanted.length) {
      const previous = select.value;
      select.textContent = "";
      for (const [value, label] of wanted) select.add(new Option(label, value));
      const fallback = wanted.some(([v]) => v === DEFAULT_LAYOUT[k === "slides" ? "slides" : "poster"])
        ? DEFAULT_LAYOUT[k === "slides" ? "slides" : "poster"] : (wanted[0] || [""])[0];
      select.value = wanted.some(([v]) => v === previous) ? previous : fallback;
    }
    $("layout-label").textContent = k === "slides" ? "Tỉ lệ màn hình" : "Khổ áp phích";
    const tiles = k === "tiles", slides = k === "slides";
    $("sheet-field").hidden = !tiles;
    form.elements.sheet.disabled = !tiles;
    const pptx = form.querySelector('input[name=format][value=pptx]');
    const png = form.querySelector('input[name=format][value=png]');
    pptx.disabled = !slides;
    png.disabled = tiles;
    if ((pptx.disabled && pptx.checked) || (png.disabled && png.checked)) {
      form.querySelector('input[name=format][value=pdf]').checked = true;
    }
    $("print-options").hidden = slides;
    for (const name of ["marks", "cmyk"]) form.elements[name].disabled = slides;
    $("subtitle-field").hidden = !slides;
    form.elements.subtitle.disabled = !slides;
    $("kind-hint").textContent = KIND_HINT[k];
  }

  form.addEventListener("change", (e) => {
    if (e.target.name === "kind") showKind();
    if (["kind", "layout", "sheet", "format", "marks", "cmyk"].includes(e.target.name)) refresh();
  });

  // ------------------------------------------------------------------ preview

  let previewAbort = null;
  let previewSeq = 0;
  const previewImg = $("preview");
  const pagesImg = $("pages");

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

  function describe(pages) {
    const k = kind();
    if (k === "slides") return `${pages} trang chiếu`;
    if (k === "tiles") return `${pages} trang: sơ đồ ghép và ${pages - 1} tờ ${form.elements.sheet.value}`;
    return "1 trang";
  }

  async function updatePreview() {
    if (!ready()) {
      setStatus("", false);
      return;
    }
    if (previewAbort) previewAbort.abort();
    const controller = new AbortController();
    previewAbort = controller;
    const seq = ++previewSeq;
    const body = new FormData(form);
    setStatus("Đang cập nhật…", true);
    $("preview-box").classList.add("stale");
    try {
      const r = await fetch("/api/preview", { method: "POST", body, signal: controller.signal });
      if (seq !== previewSeq) return;
      if (!r.ok) {
        const err = await errorBody(r);
        showErrors(err);
        setStatus(r.status === 422 ? "Cần sửa các ô đánh dấu đỏ" : "Chưa xem trước được", false);
        $("download").disabled = r.status === 422;
        $("preview-box").dataset.done = String(seq);
        return;
      }
      clearErrors();
      const pages = parseInt(r.headers.get("X-Poster-Pages") || "1", 10);
      const filename = r.headers.get("X-Poster-Filename") || "";
      let warnings = [];
      try { warnings = JSON.parse(r.headers.get("X-Poster-Warnings") || "[]"); } catch (e) { /* none */ }
      setImage(previewImg, await r.blob());
      $("preview-empty").hidden = true;
      $("preview-box").classList.remove("empty", "stale");
      $("logo-note").textContent = warnings.join(" ");
      showWarnings([]);
      $("filename").textContent = filename;
      $("pages-info").textContent = describe(pages);
      $("download").disabled = false;
      setStatus("Đã cập nhật", false);
      $("preview-box").dataset.done = String(seq);
      if (pages > 1) {
        const t = await fetch("/api/preview?view=pages", { method: "POST", body, signal: controller.signal });
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
    later();
  }
  form.addEventListener("input", (e) => {
    if (e.target.type === "color" || e.target.type === "file") return; // handled above
    refresh();
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
    const label = button.querySelector(".download-label");
    button.disabled = true;
    label.textContent = "Đang tạo tệp…";
    try {
      const r = await fetch("/api/download", { method: "POST", body: new FormData(form) });
      if (!r.ok) {
        showErrors(await errorBody(r));
        return;
      }
      clearErrors();
      const name = filenameFrom(r.headers.get("Content-Disposition"), "poster.pdf");
      const url = URL.createObjectURL(await r.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    } catch (e) {
      showErrors({ message: "Mất kết nối tới máy chủ: hãy thử lại." });
    } finally {
      label.textContent = "Tải xuống";
      button.disabled = !ready();
    }
  });

  // ------------------------------------------------------------------ start

  async function loadLayouts() {
    try {
      const response = await fetch("/api/layouts");
      if (!response.ok) return;
      const body = await response.json();
      LAYOUTS.poster = []; LAYOUTS.slides = [];
      for (const item of body.layouts) {
        LAYOUTS[item.kind === "deck" ? "slides" : "poster"].push([item.name, item.label]);
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
  loadLayouts().then(() => { if (ready()) refresh(); });
})();
