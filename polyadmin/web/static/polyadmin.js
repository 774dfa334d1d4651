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

  document.addEventListener("DOMContentLoaded", function () {
    kindSwitch();
    focusErrorSummary();
  });
})();
