/* <praevention-angebote>: the catalogue on a partner's page. No framework, shadow DOM, styled by the
   partner through CSS custom properties (--pk-font, --pk-text, --pk-accent, --pk-background, --pk-border).
   Attributes: city, target-group, kind, language, tag (comma-separated), limit, search, facets, lang. */
(function () {
  "use strict";
  var script = document.currentScript;
  var BASE = script ? new URL(script.src).origin : "";
  var FILTERS = { "city": "city", "target-group": "target_group", "kind": "kind", "language": "language", "tag": "tag" };
  var TEXT = {
    de: { search: "Angebote durchsuchen", go: "Suchen", all: "Alle", kind: "Art", city: "Stadt",
          count: function (n) { return n === 1 ? "1 Angebot" : n + " Angebote"; }, none: "Keine Angebote gefunden.",
          error: "Die Angebote können gerade nicht geladen werden.", more: "Alle Angebote im Präventionskatalog",
          resultsFor: "Ergebnisse für", instead: function (q) { return "Stattdessen nach „" + q + "“ suchen"; } },
    en: { search: "Search offers", go: "Search", all: "All", kind: "Kind", city: "City",
          count: function (n) { return n === 1 ? "1 offer" : n + " offers"; }, none: "No offers found.",
          error: "The offers cannot be loaded right now.", more: "All offers in the prevention catalogue",
          resultsFor: "Results for", instead: function (q) { return "Search for “" + q + "” instead"; } }
  };
  var CSS = ":host{display:block;font-family:var(--pk-font,inherit);color:var(--pk-text,#1b1b1f);" +
    "background:var(--pk-background,transparent)}*{box-sizing:border-box}" +
    "form{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 .8rem}label{font-weight:600;width:100%}" +
    "input,select{font:inherit;padding:.45rem .6rem;border:2px solid var(--pk-border,#4a4a55);border-radius:4px;flex:1;min-width:8rem}" +
    "button{font:inherit;padding:.45rem .9rem;border:0;border-radius:4px;background:var(--pk-accent,#00456e);color:#fff;cursor:pointer}" +
    ":focus-visible{outline:3px solid #ffbf47;outline-offset:2px}ul{list-style:none;margin:0;padding:0}" +
    "li{border-top:1px solid var(--pk-border,#c9ced6);padding:.7rem 0}h3{font-size:1.05rem;margin:0 0 .2rem}" +
    "a{color:var(--pk-accent,#00456e)}p{margin:.2rem 0}.kind{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em}" +
    ".status{font-weight:600;margin:.3rem 0}.correction button{background:none;color:var(--pk-accent,#00456e);" +
    "padding:0;text-decoration:underline}.facets{display:flex;gap:.5rem;flex-wrap:wrap}" +
    ".vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  class PraeventionAngebote extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      var root = this.attachShadow({ mode: "open" });
      // The partner's choice (lang attribute, else its page's language) sets the texts and the API's labels.
      this.language = (this.getAttribute("lang") || document.documentElement.lang || "de").slice(0, 2);
      if (!TEXT[this.language]) this.language = "de";
      this.t = TEXT[this.language];
      this.api = (this.getAttribute("api") || BASE) + "/api/v1/offers/";
      this.query = "";
      this.chosen = {};
      // A preset single value of a facet the visitor may change shows as chosen in its select.
      ["kind", "city"].forEach((name) => {
        var preset = (this.getAttribute(name) || "").split(",").map(function (v) { return v.trim(); }).filter(Boolean);
        if (preset.length === 1) this.chosen[name] = preset[0];
      });
      root.appendChild(el("style", {}, CSS));
      var id = "pk-" + Math.random().toString(36).slice(2, 8);
      if (this.getAttribute("search") === "true") {
        var form = el("form", { role: "search" });
        form.appendChild(el("label", { for: id + "-q" }, this.t.search));
        this.input = el("input", { id: id + "-q", type: "search", maxlength: "200" });
        form.appendChild(this.input);
        form.appendChild(el("button", { type: "submit" }, this.t.go));
        form.addEventListener("submit", (e) => {
          e.preventDefault(); this.query = this.input.value.trim(); this.asTyped = false; this.load();
        });
        root.appendChild(form);
      }
      if (this.getAttribute("facets") === "true") {
        this.facets = el("div", { class: "facets" });
        root.appendChild(this.facets);
      }
      this.status = el("p", { class: "status", role: "status", "aria-live": "polite" });
      this.correction = el("p", { class: "correction" });
      this.list = el("ul");
      root.appendChild(this.status);
      root.appendChild(this.correction);
      root.appendChild(this.list);
      var more = el("a", { href: BASE + "/angebote/", target: "_top" }, this.t.more);
      root.appendChild(el("p")).appendChild(more);
      this.load();
    }

    params() {
      var p = new URLSearchParams();
      Object.keys(FILTERS).forEach((attr) => {
        (this.getAttribute(attr) || "").split(",").map(function (v) { return v.trim(); }).filter(Boolean)
          .forEach(function (v) { p.append(FILTERS[attr], v); });
      });
      Object.keys(this.chosen).forEach((name) => { p.delete(name); if (this.chosen[name]) p.append(name, this.chosen[name]); });
      if (this.query) p.set("q", this.query);
      if (this.asTyped) p.set("correct", "false");
      p.set("page_size", String(Math.min(parseInt(this.getAttribute("limit") || "5", 10) || 5, 50)));
      return p;
    }

    load() {
      fetch(this.api + "?" + this.params().toString(), { headers: { Accept: "application/json", "Accept-Language": this.language } })
        .then(function (r) { return r.json().then(function (body) { if (!r.ok) throw body; return body; }); })
        .then((data) => this.render(data))
        .catch((body) => {
          // The API names each bad setting (e.g. a mistyped city): show that, so the partner can fix the snippet.
          var problems = (body && body.errors) ? body.errors.map(function (e) { return e.parameter + ": " + e.message; }) : [];
          this.status.textContent = [this.t.error].concat(problems).join(" ");
        });
    }

    render(data) {
      this.status.textContent = data.count ? this.t.count(data.count) : this.t.none;
      // A misspelt search shows the corrected results at once, and offers the text as typed (as the catalogue does).
      this.correction.replaceChildren();
      if (data.corrected_from) {
        this.correction.append(this.t.resultsFor + " ", el("strong", {}, data.searched_for), ". ");
        var typed = el("button", { type: "button" }, this.t.instead(data.corrected_from));
        typed.addEventListener("click", () => { this.query = data.corrected_from; this.asTyped = true; this.load(); });
        this.correction.appendChild(typed);
      }
      this.list.replaceChildren();
      data.results.forEach((offer) => {
        var li = el("li");
        li.appendChild(el("p", { class: "kind" }, (data.facets.kind.find(function (f) { return f.value === offer.kind; }) || {}).label || ""));
        var h = el("h3");
        h.appendChild(el("a", { href: offer.url, target: "_top" }, offer.title));
        li.appendChild(h);
        li.appendChild(el("p", {}, offer.summary));
        this.list.appendChild(li);
      });
      if (this.facets) this.renderFacets(data.facets);
    }

    renderFacets(facets) {
      this.facets.replaceChildren();
      [["kind", this.t.kind], ["city", this.t.city]].forEach((pair) => {
        var name = pair[0], id = "pk-" + name + "-" + Math.random().toString(36).slice(2, 6);
        var wrap = el("div");
        wrap.appendChild(el("label", { for: id }, pair[1]));
        var select = el("select", { id: id });
        select.appendChild(el("option", { value: "" }, this.t.all));
        facets[name].forEach((f) => {
          var option = el("option", { value: f.value }, f.label + " (" + f.count + ")");
          if (this.chosen[name] === f.value) option.selected = true;
          select.appendChild(option);
        });
        select.addEventListener("change", () => { this.chosen[name] = select.value; this.load(); });
        wrap.appendChild(select);
        this.facets.appendChild(wrap);
      });
    }
  }

  if (!customElements.get("praevention-angebote")) customElements.define("praevention-angebote", PraeventionAngebote);
})();
