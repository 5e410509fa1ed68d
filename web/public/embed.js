// The launcher a clinic site adds with
//   <div id="clinic-chat"></div><script src="https://bot.example/embed.js" async></script>
// A floating button opens a panel with the chat (this service's page in a frame, so nothing of
// the clinic's site and the chat can interfere). Closed by default; the chat page is only
// loaded when the visitor first opens it. Escape, or the close button, closes it and gives the
// focus back to the button. Plain browser JavaScript; the server fills in the configuration.
(function () {
  'use strict';

  var config = __CLINIC_CHAT_CONFIG__;
  if (window.__clinicChatLoaded) return;
  window.__clinicChatLoaded = true;

  function build() {
    var host = document.getElementById('clinic-chat');
    if (!host) {
      host = document.createElement('div');
      host.id = 'clinic-chat';
      document.body.appendChild(host);
    }
    host.style.setProperty('--clinic-chat-accent', config.accentColor);
    // A shadow root keeps the clinic site's styles off the launcher, and ours off the site.
    var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
    addStyles(root, config.css);

    var launcher = element('button', { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': 'clinic-chat-panel' });
    launcher.textContent = config.launcher;

    var panel = element('div', { id: 'clinic-chat-panel', class: 'panel', role: 'dialog', 'aria-label': config.chatLabel });
    panel.hidden = true;
    var header = element('div', { class: 'panel-header' });
    var heading = element('div', { class: 'panel-title' });
    var title = element('strong', {});
    title.textContent = config.title;
    var subtitle = element('span', {});
    subtitle.textContent = config.subtitle;
    heading.appendChild(title);
    heading.appendChild(subtitle);
    var close = element('button', { type: 'button', class: 'panel-close', 'aria-label': config.closeLabel });
    close.textContent = '\u00d7';
    header.appendChild(heading);
    header.appendChild(close);
    panel.appendChild(header);
    root.appendChild(panel);
    root.appendChild(launcher);

    var frame = null;

    function open() {
      if (!frame) {
        frame = element('iframe', { class: 'panel-frame', title: config.chatLabel, src: config.chatUrl });
        frame.addEventListener('load', focusChat);
        panel.appendChild(frame);
      }
      panel.hidden = false;
      launcher.setAttribute('aria-expanded', 'true');
      host.setAttribute('data-open', 'true');
      focusChat();
    }

    function shut() {
      if (panel.hidden) return;
      panel.hidden = true;
      launcher.setAttribute('aria-expanded', 'false');
      host.removeAttribute('data-open');
      launcher.focus();
    }

    function focusChat() {
      if (!frame || panel.hidden) return;
      frame.focus();
      if (frame.contentWindow) frame.contentWindow.postMessage({ type: 'clinic-chat:focus' }, config.origin);
    }

    launcher.addEventListener('click', function () {
      if (panel.hidden) open();
      else shut();
    });
    close.addEventListener('click', shut);
    panel.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') shut();
    });
    // Escape pressed inside the chat (another origin) arrives as a message from the frame.
    window.addEventListener('message', function (event) {
      if (frame && event.source === frame.contentWindow && event.origin === config.origin && event.data && event.data.type === 'clinic-chat:close') shut();
    });
  }

  function element(name, attributes) {
    var node = document.createElement(name);
    Object.keys(attributes).forEach(function (key) {
      node.setAttribute(key, attributes[key]);
    });
    return node;
  }

  // Constructed style sheets are not blocked by a clinic site's Content-Security-Policy; a style
  // element is the fallback for older browsers.
  function addStyles(root, css) {
    if (root !== document && 'adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function') {
      try {
        var sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        root.adoptedStyleSheets = [sheet];
        return;
      } catch (error) {
        // Fall through to a style element.
      }
    }
    var style = document.createElement('style');
    style.textContent = css;
    root.appendChild(style);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', build);
  else build();
})();
