// Quiz page helpers; the page works without them (server enforces time).
// - counts down to the deadline shown by the server
// - saves answers every 30 s and when the page is hidden
// - submits the paper when time is up
(function () {
  'use strict';
  var form = document.getElementById('paper');
  var timer = document.getElementById('timer');
  if (!form) return;
  var dirty = false;
  form.addEventListener('change', function () { dirty = true; });
  form.addEventListener('input', function () { dirty = true; });
  function save() {
    if (!dirty) return;
    dirty = false;
    var data = new URLSearchParams(new FormData(form));
    fetch(form.action.replace(/submit$/, 'save'), {
      method: 'POST', body: data, credentials: 'same-origin',
      headers: { 'X-Requested-With': 'fetch' }
    }).catch(function () { dirty = true; });
  }
  setInterval(save, 30000);
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') save();
  });
  if (!timer) return;
  var box = timer.parentNode;
  var skew = Date.now() / 1000 - Number(box.getAttribute('data-now'));
  var deadline = Number(box.getAttribute('data-deadline'));
  var submitted = false;
  function tick() {
    var left = Math.max(0, Math.round(deadline - (Date.now() / 1000 - skew)));
    var m = Math.floor(left / 60), s = left % 60;
    timer.textContent = m + ':' + (s < 10 ? '0' : '') + s;
    if (left === 0 && !submitted) { submitted = true; form.submit(); }
  }
  tick();
  setInterval(tick, 1000);
})();
