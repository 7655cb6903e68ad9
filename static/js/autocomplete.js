// Progressive enhancement: suggestions under the search box (ARIA 1.2 combobox pattern).
// The search works without this script; it only adds offer titles as you type.
(function () {
  "use strict";
  document.querySelectorAll("input[data-autocomplete]").forEach(function (input) {
    var wrapper = input.parentNode;
    wrapper.classList.add("autocomplete");
    var list = document.createElement("ul");
    list.id = input.id + "-suggestions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    wrapper.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    var active = -1, timer = null, items = [];

    function close() {
      list.hidden = true; list.innerHTML = ""; items = []; active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }
    function mark(index) {
      items.forEach(function (li, i) { li.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0) input.setAttribute("aria-activedescendant", items[index].id);
    }
    function render(suggestions) {
      close();
      if (!suggestions.length) return;
      suggestions.forEach(function (s, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.textContent = s.title;
        li.dataset.url = s.url;
        li.addEventListener("mousedown", function (e) { e.preventDefault(); window.location.href = s.url; });
        list.appendChild(li); items.push(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { close(); return; }
      timer = setTimeout(function () {
        fetch(input.dataset.autocomplete + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
          .then(function (data) {
            if (input.value.trim() !== q) return;
            // Completed search texts first (they search in this form's page), then offers by title.
            var action = input.form ? input.form.action.split("?")[0] : "";
            var terms = (data.terms || []).slice(0, 3).map(function (t) {
              return { title: t, url: action + "?q=" + encodeURIComponent(t) };
            });
            render(terms.concat(data.suggestions || []));
          })
          .catch(close);
      }, 150);
    });
    input.addEventListener("keydown", function (e) {
      if (list.hidden) return;
      if (e.key === "ArrowDown") { e.preventDefault(); mark((active + 1) % items.length); }
      else if (e.key === "ArrowUp") { e.preventDefault(); mark((active - 1 + items.length) % items.length); }
      // Escape only closes the list; without preventDefault the browser would also empty the search field.
      else if (e.key === "Escape") { e.preventDefault(); clearTimeout(timer); close(); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); window.location.href = items[active].dataset.url; }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  });
})();
