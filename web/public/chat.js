// The website chat page: starts a conversation (or finds the one this browser tab had, so a
// reload resumes it) and renders Microsoft's Web Chat on it. Plain browser JavaScript, no build
// step. This file runs before the Web Chat bundle, so that the conversation starts (and the bot
// writes its welcome) while the bundle loads; `window.WebChat` is used once the page is parsed.
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('chat-config').textContent);
  var STORAGE_KEY = 'clinic-chat:conversation';
  // DirectLineJS connection states.
  var ONLINE = 2;
  var EXPIRED_TOKEN = 3;
  var FAILED_TO_CONNECT = 4;
  var container = document.getElementById('chat');
  var current = null;
  // The launcher's panel asked for the focus (it may ask before Web Chat is on the page).
  var focusWanted = false;

  function readSaved() {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) || 'null');
      return saved && saved.token && saved.conversationId && saved.domain ? saved : null;
    } catch (error) {
      return null;
    }
  }

  function save(conversation) {
    try {
      window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(conversation));
    } catch (error) {
      // Storage may be off (private mode): the chat works, a reload just starts over.
    }
  }

  function forget() {
    try {
      window.sessionStorage.removeItem(STORAGE_KEY);
    } catch (error) {
      // Nothing kept, nothing to forget.
    }
  }

  // Milliseconds until a token expires (0 if unreadable or past).
  function timeLeft(token) {
    try {
      var payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return Math.max(0, JSON.parse(window.atob(payload)).exp * 1000 - Date.now());
    } catch (error) {
      return 0;
    }
  }

  function postJson(url, token, body) {
    var headers = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    return window.fetch(url, { method: 'POST', headers: headers, body: JSON.stringify(body), credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) throw new Error(url + ' answered ' + response.status);
      return response.json();
    });
  }

  // A token for a new conversation, then the conversation started: the bot welcomes the visitor.
  function newConversation() {
    return postJson(config.tokenUrl, null, {}).then(function (issued) {
      return postJson(issued.domain + '/conversations', issued.token, { locale: config.locale }).then(function (started) {
        return { token: started.token, conversationId: started.conversationId, domain: issued.domain };
      });
    });
  }

  // The conversation this tab had, or a new one.
  function conversationToUse() {
    var saved = readSaved();
    if (saved && timeLeft(saved.token) > 60 * 1000) return Promise.resolve({ conversation: saved, resumed: true });
    forget();
    return newConversation().then(function (conversation) {
      return { conversation: conversation, resumed: false };
    });
  }

  function showStatus(text) {
    var status = document.createElement('p');
    status.className = 'chat-status';
    status.setAttribute('role', 'status');
    status.textContent = text;
    container.replaceChildren(status);
  }

  function styleOptions() {
    return {
      accent: config.accentColor,
      bubbleFromUserBackground: config.accentColor,
      bubbleFromUserTextColor: '#FFFFFF',
      bubbleFromUserBorderRadius: 12,
      bubbleBorderRadius: 12,
      bubbleMaxWidth: 600,
      primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
      hideUploadButton: true,
      suggestedActionLayout: 'flow',
      suggestedActionHeight: 'auto',
      sendBoxButtonColor: config.accentColor,
      sendBoxTextWrap: true,
    };
  }

  // Renders Web Chat on a started conversation. DirectLineJS reconnects to it by id and the
  // server replays its history: the welcome, or everything said before a reload.
  function connect(chosen) {
    var conversation = chosen.conversation;
    var directLine = window.WebChat.createDirectLine({
      domain: conversation.domain,
      token: conversation.token,
      conversationId: conversation.conversationId,
    });
    var session = { directLine: directLine, domain: conversation.domain, resumed: chosen.resumed, online: false };
    current = session;

    directLine.connectionStatus$.subscribe(function (status) {
      if (current !== session) return;
      if (status === ONLINE) {
        if (!session.online) {
          // Web Chat is subscribed by now; this shares its stream, which ends with an error
          // when the server no longer knows the conversation (after a restart).
          directLine.activity$.subscribe({
            error: function () {
              if (current === session) restart();
            },
          });
        }
        session.online = true;
        keep(session);
      } else if (status === EXPIRED_TOKEN || status === FAILED_TO_CONNECT) {
        // The kept conversation is over (forgotten after a long pause, or the token ran out):
        // start a new one rather than leave a dead chat. A new one that fails says so.
        if (session.resumed || session.online) restart();
        else showStatus(config.text.unavailable);
      }
    });

    var target = document.createElement('div');
    target.className = 'chat-webchat';
    container.replaceChildren(target);
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        locale: config.locale,
        nonce: config.nonce,
        styleOptions: styleOptions(),
        sendTypingIndicator: false,
      },
      target,
    );
    if (focusWanted) focusSendBox();
  }

  // The token changes every 15 minutes (DirectLineJS refreshes it): keep the latest.
  function keep(session) {
    if (session.directLine.token && session.directLine.conversationId) {
      save({ token: session.directLine.token, conversationId: session.directLine.conversationId, domain: session.domain });
    }
  }

  function restart() {
    var previous = current;
    current = null;
    forget();
    if (previous) previous.directLine.end();
    start();
  }

  function focusSendBox() {
    var input = container.querySelector('[data-id="webchat-sendbox-input"]');
    if (input) input.focus();
  }

  function start() {
    var webChatLoaded = new Promise(function (resolve) {
      if (window.WebChat) resolve();
      else window.addEventListener('DOMContentLoaded', resolve);
    });
    Promise.all([conversationToUse(), webChatLoaded])
      .then(function (results) {
        connect(results[0]);
      })
      .catch(function () {
        showStatus(config.text.unavailable);
      });
  }

  window.setInterval(function () {
    if (current && current.online) keep(current);
  }, 60 * 1000);
  window.addEventListener('pagehide', function () {
    if (current && current.online) keep(current);
  });

  if (config.embedded) {
    // Inside the launcher's panel: Escape closes it (unless Web Chat used that key itself),
    // and the panel asks for the focus when it opens.
    window.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && !event.defaultPrevented) window.parent.postMessage({ type: 'clinic-chat:close' }, '*');
    });
    window.addEventListener('message', function (event) {
      if (event.source === window.parent && event.data && event.data.type === 'clinic-chat:focus') {
        focusWanted = true;
        focusSendBox();
      }
    });
  }

  start();
})();
