// Opens the evidence a matrix cell links to, and the buttons above the evidence list.
(function () {
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (el && el.tagName === 'DETAILS') { el.open = true; el.scrollIntoView({ block: 'start' }); }
  }
  window.addEventListener('hashchange', openTarget);
  document.addEventListener('DOMContentLoaded', function () {
    openTarget();
    document.querySelectorAll('button[data-open]').forEach(function (b) {
      b.addEventListener('click', function () {
        var which = b.getAttribute('data-open');
        document.querySelectorAll('details.evidence').forEach(function (d) {
          d.open = which === 'all' || (which === 'failing' && d.classList.contains('failing'));
        });
      });
    });
  });
})();
