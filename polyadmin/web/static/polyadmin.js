/* polyadmin — small progressive enhancements; every page works without this file. */
(function () {
  "use strict";

  function focusErrorSummary() {
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.focus();
    }
  }

  /* Person / company switch: show only the fieldset that applies, and disable the other so
     its fields are not sent. Without JavaScript both stay visible and the server says which apply. */
  function kindSwitch() {
    var radios = document.querySelectorAll('input[name="kind"]');
    if (!radios.length) {
      return;
    }
    function sync() {
      var checked = document.querySelector('input[name="kind"]:checked');
      var groups = document.querySelectorAll("fieldset[data-kind]");
      for (var i = 0; i < groups.length; i++) {
        var on = !checked || groups[i].getAttribute("data-kind") === checked.value;
        groups[i].hidden = !on;
        groups[i].disabled = !on;
      }
    }
    for (var i = 0; i < radios.length; i++) {
      radios[i].addEventListener("change", sync);
    }
    sync();
  }

  /* A form sent once: its button marked `data-once` is disabled while the page answers, so a double
     click does not send it twice (the server refuses a second decision anyway). */
  function submitOnce() {
    var forms = document.querySelectorAll("form");
    for (var i = 0; i < forms.length; i++) {
      forms[i].addEventListener("submit", function (event) {
        var button = event.target.querySelector("button[data-once]");
        if (button) {
          window.setTimeout(function () { button.disabled = true; }, 0);
        }
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    kindSwitch();
    focusErrorSummary();
    submitOnce();
  });
})();

/* === Pricing simulator (catalogue pages): offer only the options of the chosen formula. ===
   Without JavaScript every option stays listed with the formulas that offer it, and the server
   says which choice does not fit. */
(function () {
  "use strict";

  function optionsOfFormula() {
    var group = document.getElementById("options-group");
    var radios = document.querySelectorAll('input[name="formula"]');
    if (!group || !radios.length) {
      return;
    }
    function sync() {
      var checked = document.querySelector('input[name="formula"]:checked');
      var items = group.querySelectorAll("[data-formulas]");
      for (var i = 0; i < items.length; i++) {
        var offered = !checked || (" " + items[i].getAttribute("data-formulas") + " ").indexOf(" " + checked.value + " ") >= 0;
        var box = items[i].querySelector("input");
        items[i].hidden = !offered;
        if (box) {
          box.disabled = !offered;
        }
      }
    }
    for (var i = 0; i < radios.length; i++) {
      radios[i].addEventListener("change", sync);
    }
    sync();
  }

  document.addEventListener("DOMContentLoaded", optionsOfFormula);
})();
/* === end of the pricing simulator section === */
