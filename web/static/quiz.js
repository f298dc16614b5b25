// Quiz page helpers; the page works without them (server enforces time,
// counts answers and asks before a submit with blanks).
// - keeps "8 dari 10 soal dijawab" true while the learner answers
// - saves answers every 30 s and when the page is hidden; says so
// - counts down to the deadline shown by the server
// - submits the paper when time is up (without the confirm step)
(function () {
  'use strict';
  var form = document.getElementById('paper');
  var timer = document.getElementById('timer');
  if (!form) return;
  var dirty = false;
  var line = document.getElementById('answered');
  var status = document.getElementById('save-status');
  function answered(sec) {
    var els = sec.querySelectorAll('input, select');
    for (var i = 0; i < els.length; i++) {
      var e = els[i];
      if (e.type === 'radio' || e.type === 'checkbox') { if (e.checked) return true; }
      else if (e.value.replace(/\s+/g, '') !== '') return true;
    }
    return false;
  }
  function count() {
    if (!line) return;
    var secs = form.querySelectorAll('section.question'), n = 0;
    for (var i = 0; i < secs.length; i++) if (answered(secs[i])) n++;
    var strong = line.querySelector('strong');
    if (strong) strong.textContent = String(n);
  }
  var savedNote = document.querySelector('main > .notice.ok');
  function changed() {
    dirty = true;
    count();
    if (status) status.textContent = '';
    // "Jawaban tersimpan." from the no-JS save is no longer true.
    if (savedNote) { savedNote.parentNode.removeChild(savedNote); savedNote = null; }
  }
  form.addEventListener('change', changed);
  form.addEventListener('input', changed);
  function clock() {
    var d = new Date();
    return d.getHours() + '.' + (d.getMinutes() < 10 ? '0' : '') + d.getMinutes();
  }
  function say(ok) {
    if (!status) return;
    status.className = ok ? '' : 'failed';
    var msg = document.getElementById(ok ? 'msg-saved' : 'msg-save-failed');
    status.textContent = (msg ? msg.textContent : '') + (ok ? ' ' + clock() : '');
  }
  function save() {
    if (!dirty) return;
    dirty = false;
    var data = new URLSearchParams(new FormData(form));
    fetch(form.action.replace(/submit$/, 'save'), {
      method: 'POST', body: data, credentials: 'same-origin',
      headers: { 'X-Requested-With': 'fetch' }
    }).then(function (r) {
      if (!r.ok) throw new Error(String(r.status));
      say(true);
    }).catch(function () { dirty = true; say(false); });
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
    if (left === 0 && !submitted) {
      submitted = true;
      // Time is up: no question about blanks, hand the paper in.
      var ask = form.querySelector('input[name=ask]');
      if (ask) ask.parentNode.removeChild(ask);
      form.submit();
    }
  }
  tick();
  setInterval(tick, 1000);
})();
