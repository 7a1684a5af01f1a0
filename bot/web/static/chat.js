// Web chat client: plain DOM, no dependencies. Every message is rendered with textContent,
// never as HTML, and the conversation lives only in this tab's sessionStorage.
(function () {
  "use strict";

  var EXIT_URL = "https://www.bbc.co.uk/weather";
  var SENDER_KEY = "asb-chat.sender";
  var HISTORY_KEY = "asb-chat.history";
  var ENDPOINT = new URL("webhook", document.baseURI).href;
  var GENERIC_ERROR = "Sorry, something went wrong. Please try again.";
  var NETWORK_ERROR = "We could not reach the service. Check your connection and try again.";

  var log = document.getElementById("messages");
  var form = document.getElementById("composer");
  var input = document.getElementById("message-input");
  var sendButton = document.getElementById("send");
  var typing = document.getElementById("typing");
  var errorBox = document.getElementById("error");
  var exitButton = document.getElementById("quick-exit");

  var exited = false;
  var busy = false;
  var inFlight = null;
  var history = [];
  var elements = [];

  function storage() {
    try {
      return window.sessionStorage;
    } catch (e) {
      return null; // Storage blocked: the chat still works, it just won't survive a reload.
    }
  }

  function newSenderId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) {
        return ("0" + b.toString(16)).slice(-2);
      })
      .join("");
  }

  function senderId() {
    var store = storage();
    var id = store && store.getItem(SENDER_KEY);
    if (!id || !/^[0-9a-f]{32}$/.test(id)) {
      id = newSenderId();
      if (store) store.setItem(SENDER_KEY, id);
    }
    return id;
  }

  function loadHistory() {
    var store = storage();
    try {
      var saved = JSON.parse((store && store.getItem(HISTORY_KEY)) || "[]");
      return Array.isArray(saved) ? saved.filter(isEntry) : [];
    } catch (e) {
      return [];
    }
  }

  function isEntry(entry) {
    return entry && (entry.role === "user" || entry.role === "bot") &&
      typeof entry.text === "string";
  }

  function saveHistory() {
    var store = storage();
    if (exited || !store) return;
    try {
      store.setItem(HISTORY_KEY, JSON.stringify(history));
    } catch (e) {
      // Quota exceeded: keep chatting, just without reload support.
    }
  }

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = !message;
  }

  function setBusy(value) {
    busy = value;
    typing.hidden = !value;
    log.setAttribute("aria-busy", value ? "true" : "false");
    sendButton.disabled = value;
  }

  function renderEntry(entry, index) {
    var box = document.createElement("div");
    box.className = "msg " + (entry.role === "user" ? "msg-user" : "msg-bot");
    var who = document.createElement("span");
    who.className = "visually-hidden";
    who.textContent = entry.role === "user" ? "You said:" : "Assistant said:";
    box.appendChild(who);
    if (entry.text) {
      var text = document.createElement("p");
      text.textContent = entry.text;
      box.appendChild(text);
    }
    if (entry.role === "bot" && Array.isArray(entry.buttons) && entry.buttons.length) {
      var group = document.createElement("div");
      group.className = "choices";
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", "Choose an answer");
      entry.buttons.forEach(function (button, choiceIndex) {
        var choice = document.createElement("button");
        choice.type = "button";
        choice.className = "choice";
        choice.textContent = String(button.title || button.payload || "");
        choice.addEventListener("click", function () {
          choose(index, choiceIndex);
        });
        group.appendChild(choice);
      });
      box.appendChild(group);
    }
    log.appendChild(box);
    elements[index] = box;
    updateChoices(index);
    return box;
  }

  // Choices can be used only on the latest message; answered ones show which was picked.
  function updateChoices(index) {
    var box = elements[index];
    var entry = history[index];
    if (!box || !entry) return;
    var open = index === history.length - 1 && !busy;
    box.querySelectorAll("button.choice").forEach(function (choice, choiceIndex) {
      choice.disabled = !open;
      if (entry.chosen === choiceIndex) {
        choice.setAttribute("aria-pressed", "true");
      } else {
        choice.removeAttribute("aria-pressed");
      }
    });
  }

  function append(entry) {
    history.push(entry);
    var box = renderEntry(entry, history.length - 1);
    if (history.length > 1) updateChoices(history.length - 2);
    box.scrollIntoView({ block: "nearest" });
    return box;
  }

  function undoLast() {
    history.pop();
    var box = elements.pop();
    if (box) box.remove();
  }

  function choose(index, choiceIndex) {
    var entry = history[index];
    if (busy || !entry || index !== history.length - 1) return;
    var button = entry.buttons[choiceIndex];
    entry.chosen = choiceIndex;
    send(String(button.payload || button.title), String(button.title || button.payload), true);
  }

  function send(message, shown, fromChoice) {
    if (busy || exited) return;
    showError("");
    setBusy(true);
    append({ role: "user", text: shown });
    saveHistory();
    inFlight = new AbortController();
    fetch(ENDPOINT, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: senderId(), message: message }),
      cache: "no-store",
      credentials: "same-origin",
      signal: inFlight.signal,
    })
      .then(function (response) {
        return response.json().then(
          function (data) {
            return { ok: response.ok, data: data };
          },
          function () {
            return { ok: false, data: null };
          }
        );
      })
      .then(function (result) {
        if (exited) return;
        if (!result.ok || !Array.isArray(result.data)) {
          var detail = result.data && typeof result.data.error === "string";
          throw new Error(detail ? result.data.error : GENERIC_ERROR);
        }
        setBusy(false);
        var firstChoice = null;
        result.data.forEach(function (reply) {
          var buttons = Array.isArray(reply.buttons) ? reply.buttons : [];
          var text = typeof reply.text === "string" ? reply.text : "";
          if (!text && !buttons.length) return;
          var box = append({ role: "bot", text: text, buttons: buttons });
          firstChoice = box.querySelector("button.choice") || firstChoice;
        });
        saveHistory();
        if (fromChoice && firstChoice) {
          firstChoice.focus();
        } else {
          input.focus();
        }
      })
      .catch(function (error) {
        if (exited || (error && error.name === "AbortError")) return;
        setBusy(false);
        undoLast();
        var previous = history[history.length - 1];
        if (previous) delete previous.chosen;
        if (history.length) updateChoices(history.length - 1);
        saveHistory();
        if (!fromChoice) input.value = shown;
        showError(error instanceof TypeError ? NETWORK_ERROR : error.message || GENERIC_ERROR);
        input.focus();
      })
      .finally(function () {
        inFlight = null;
        if (!exited && busy) setBusy(false);
      });
  }

  function submitTyped() {
    // Typed text is words, never a command: a leading "/" would reach Rasa as an intent.
    var text = input.value.replace(/^[\s/]+/, "").trim();
    if (!text) {
      showError("Please type a message before sending.");
      input.focus();
      return;
    }
    if (busy) return;
    input.value = "";
    send(text, text, false);
  }

  function quickExit() {
    exited = true;
    if (inFlight) inFlight.abort();
    try {
      window.sessionStorage.clear();
    } catch (e) {
      // Nothing stored, or storage blocked: nothing to clear.
    }
    try {
      window.localStorage.removeItem(SENDER_KEY);
      window.localStorage.removeItem(HISTORY_KEY);
    } catch (e) {
      // As above.
    }
    document.title = "";
    document.body.replaceChildren();
    // replace(): the chat page leaves the tab's history, so Back does not return to it.
    window.location.replace(EXIT_URL);
  }

  exitButton.addEventListener("click", quickExit);
  document.addEventListener("keydown", function (event) {
    // Escape while composing text with an input method only cancels the composition.
    if (event.isComposing) return;
    if (event.key === "Escape" || event.key === "Esc") {
      event.preventDefault();
      quickExit();
    }
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    submitTyped();
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submitTyped();
    }
  });

  // Restore this tab's conversation quietly: it is not news to a screen reader.
  log.setAttribute("aria-live", "off");
  loadHistory().forEach(function (entry) {
    history.push(entry);
    renderEntry(entry, history.length - 1);
  });
  history.forEach(function (_, index) {
    updateChoices(index);
  });
  log.setAttribute("aria-live", "polite");
  senderId();
})();
