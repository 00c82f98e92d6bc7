// The customer's inbox on their account page, live: new in-app messages arrive over Server-Sent
// Events from /api/me/inbox/stream (the browser reconnects with Last-Event-ID by itself) and are
// put at the top of the list. No library needed: EventSource is in every browser.
(function () {
  var list = document.querySelector('ol.inbox[data-stream]');
  if (!list || !window.EventSource) {
    return;
  }
  var stream = new EventSource(list.getAttribute('data-stream'));
  stream.addEventListener('message', function (event) {
    var message = JSON.parse(event.data);
    if (list.querySelector('[data-message="' + message.id + '"]')) {
      return;
    }
    var item = document.createElement('li');
    item.setAttribute('data-message', message.id);
    var title = document.createElement('strong');
    title.textContent = message.title || '';
    var text = document.createElement('span');
    text.textContent = ' ' + (message.text || '');
    item.appendChild(title);
    item.appendChild(text);
    list.insertBefore(item, list.firstChild);
    var empty = document.querySelector('.inbox-empty');
    if (empty) {
      empty.remove();
    }
  });
  list.setAttribute('data-live', 'connecting');
  stream.addEventListener('open', function () {
    list.setAttribute('data-live', 'open');
  });
})();
