// The chat page: the official socket.io-client (served by the application at
// /socket.io/socket.io.js) on namespace /chat. The protocol is described in
// ChatNamespace.java.
(() => {
  "use strict";

  const $ = (id) => document.getElementById(id);
  const el = {
    login: $("login"), loginForm: $("login-form"), nickname: $("nickname"), loginError: $("login-error"),
    app: $("app"), me: $("me"), status: $("status"), rooms: $("rooms"), newRoom: $("new-room"),
    roomName: $("room-name"), members: $("members"), memberCount: $("member-count"),
    roomTitle: $("room-title"), messages: $("messages"), typing: $("typing"), composer: $("composer"),
    text: $("text"), file: $("file"),
  };

  const ACK_TIMEOUT_MS = 10000;
  const TYPING_IDLE_MS = 1500;
  const TYPING_REPEAT_MS = 1000;
  const TYPING_SHOWN_MS = 3000;

  const state = {
    socket: null,
    nickname: sessionStorage.getItem("chat.nickname") || "",
    room: sessionStorage.getItem("chat.room") || "general",
    shownRoom: null,       // the room whose messages are on screen
    shownIds: new Set(),   // server ids of the messages on screen
    maxImageBytes: 512 * 1024,
    typingSent: false,
    typingSentAt: 0,
    typingTimer: null,
    typists: new Map(),    // nickname -> timer
    localIds: 0,
  };

  // ---- status --------------------------------------------------------------------------

  function setStatus(stateName, text) {
    el.status.dataset.state = stateName;
    el.status.textContent = text;
  }

  // ---- connection ----------------------------------------------------------------------

  function connect() {
    if (typeof io !== "function") {
      setStatus("offline", "client bundle missing");
      el.loginError.textContent = "/socket.io/socket.io.js was not served (see the server log).";
      return;
    }
    setStatus("connecting", "connecting…");
    const socket = io("/chat", {
      auth: (cb) => cb({ nickname: state.nickname }),
      reconnectionDelay: 500,
      reconnectionDelayMax: 3000,
    });
    state.socket = socket;
    window.chat = { socket }; // for the browser console (and the browser test)

    socket.on("connect", () => {
      setStatus("connected", "connected");
      el.login.hidden = true;
      el.app.hidden = false;
      el.me.hidden = false;
      el.me.textContent = state.nickname;
      join(state.room);
      el.text.focus();
    });
    socket.on("disconnect", (reason) => {
      clearTypists();
      if (socket.active) {
        setStatus("reconnecting", "reconnecting…");
      } else {
        setStatus("offline", "offline (" + reason + ")");
      }
    });
    socket.on("connect_error", (error) => {
      if (socket.active) {
        setStatus("reconnecting", "reconnecting…");
        return;
      }
      // refused by the server (e.g. an invalid nickname): back to the login form
      setStatus("offline", "refused");
      const reason = error.data && error.data.reason ? ": " + error.data.reason : "";
      el.loginError.textContent = error.message + reason;
      el.login.hidden = false;
      sessionStorage.removeItem("chat.nickname");
      socket.close();
    });
    socket.io.on("reconnect_attempt", (attempt) => setStatus("reconnecting", "reconnecting… (attempt " + attempt + ")"));
    socket.io.on("reconnect_failed", () => setStatus("offline", "offline"));

    socket.on("session", (session) => {
      state.maxImageBytes = session.maxImageBytes;
      // the server's name for us: the login's under the 'secure' profile
      state.nickname = session.nickname;
      el.me.textContent = session.nickname;
    });
    socket.on("rooms", renderRooms);
    socket.on("members", (update) => { if (update.room === state.room) renderMembers(update.members); });
    socket.on("system", (notice) => { if (notice.room === state.room) addSystem(notice.text); });
    socket.on("message", (message) => {
      if (message.room !== state.room) return;
      typist(message.from, false);
      addMessage(message);
    });
    socket.on("typing", (update) => typist(update.nickname, update.typing));
    socket.on("image", (meta, data) => {
      if (meta.room !== state.room) return;
      typist(meta.from, false);
      const url = URL.createObjectURL(new Blob([data], { type: meta.type }));
      addImage({ ...meta, url });
    });
  }

  window.addEventListener("offline", () => setStatus("offline", "offline (no network)"));
  window.addEventListener("online", () => {
    if (state.socket && state.socket.connected) setStatus("connected", "connected");
  });

  // ---- rooms ---------------------------------------------------------------------------

  function join(room) {
    state.socket.timeout(ACK_TIMEOUT_MS).emit("join", room, (error, answer) => {
      if (error || answer.error) {
        addSystem(error ? "could not join #" + room + " (no answer)" : answer.error, true);
        return;
      }
      sendTyping(false);
      state.room = answer.room;
      sessionStorage.setItem("chat.room", answer.room);
      if (state.shownRoom !== answer.room) {
        el.messages.replaceChildren();
        state.shownIds.clear();
        state.shownRoom = answer.room;
        clearTypists();
      }
      el.roomTitle.textContent = answer.room;
      el.text.placeholder = "Message #" + answer.room + " — paste or attach an image";
      for (const message of answer.history) addMessage(message);
      renderMembers(answer.members);
      for (const li of el.rooms.children) li.classList.toggle("active", li.dataset.room === state.room);
    });
  }

  function renderRooms(rooms) {
    el.rooms.replaceChildren(...rooms.map((room) => {
      const li = document.createElement("li");
      li.dataset.room = room.name;
      li.classList.toggle("active", room.name === state.room);
      const name = document.createElement("span");
      name.className = "name";
      name.textContent = room.name;
      const n = document.createElement("span");
      n.className = "n";
      n.textContent = room.members;
      li.append(name, n);
      li.addEventListener("click", () => join(room.name));
      return li;
    }));
  }

  function renderMembers(members) {
    el.memberCount.textContent = members.length;
    el.members.replaceChildren(...members.map((nickname) => {
      const li = document.createElement("li");
      li.textContent = nickname;
      li.classList.toggle("self", nickname === state.nickname);
      return li;
    }));
  }

  // ---- messages ------------------------------------------------------------------------

  const time = (ts) => new Date(ts).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

  function atBottom() {
    return el.messages.scrollHeight - el.messages.scrollTop - el.messages.clientHeight < 80;
  }

  function append(node) {
    const stick = atBottom();
    el.messages.append(node);
    if (stick) el.messages.scrollTop = el.messages.scrollHeight;
  }

  function bubble(from, ts, mine) {
    const wrap = document.createElement("div");
    wrap.className = "msg" + (mine ? " mine" : "");
    const meta = document.createElement("div");
    meta.className = "meta";
    const who = document.createElement("span");
    who.className = "from";
    who.textContent = mine ? "you" : from;
    const when = document.createElement("span");
    when.className = "time";
    when.textContent = time(ts);
    meta.append(who, when);
    wrap.append(meta);
    return wrap;
  }

  function deliveryState(wrap) {
    const delivery = document.createElement("div");
    delivery.className = "state";
    delivery.dataset.state = "sending";
    delivery.textContent = "sending…";
    wrap.append(delivery);
    return (id, error) => {
      if (error) {
        delivery.dataset.state = "failed";
        delivery.textContent = "not delivered ✗ " + error;
      } else {
        wrap.dataset.id = id;
        state.shownIds.add(id);
        delivery.dataset.state = "delivered";
        delivery.textContent = "delivered ✓";
      }
    };
  }

  function addMessage(message) {
    if (message.id && state.shownIds.has(message.id)) return;
    const mine = message.from === state.nickname;
    const wrap = bubble(message.from, message.ts, mine);
    wrap.dataset.id = message.id;
    state.shownIds.add(message.id);
    const text = document.createElement("div");
    text.className = "bubble text";
    text.textContent = message.text;
    wrap.append(text);
    if (mine) {
      const delivery = deliveryState(wrap);
      delivery(message.id);
    }
    append(wrap);
  }

  function addImage(image, mine = false) {
    const wrap = bubble(image.from, image.ts, mine);
    if (image.id) {
      wrap.dataset.id = image.id;
      state.shownIds.add(image.id);
    }
    const box = document.createElement("div");
    box.className = "bubble image";
    const img = document.createElement("img");
    img.alt = image.name;
    img.title = image.name + " (" + Math.round(image.size / 1024) + " KiB)";
    img.addEventListener("load", () => { if (atBottom()) el.messages.scrollTop = el.messages.scrollHeight; });
    img.src = image.url;
    box.append(img);
    wrap.append(box);
    append(wrap);
    return wrap;
  }

  function addSystem(text, error = false) {
    const line = document.createElement("div");
    line.className = "msg system" + (error ? " error" : "");
    line.textContent = text;
    append(line);
  }

  function sendText(text) {
    const wrap = bubble(state.nickname, Date.now(), true);
    const body = document.createElement("div");
    body.className = "bubble text";
    body.textContent = text;
    wrap.append(body);
    const delivered = deliveryState(wrap);
    append(wrap);
    state.socket.timeout(ACK_TIMEOUT_MS).emit("message", { text }, (error, answer) => {
      if (error) delivered(null, "(no answer)");
      else if (answer.error) delivered(null, answer.error);
      else delivered(answer.id);
    });
  }

  async function sendImage(file) {
    if (!file) return;
    if (!file.type.startsWith("image/")) {
      addSystem(file.name + " is not an image", true);
      return;
    }
    if (file.size > state.maxImageBytes) {
      addSystem(file.name + " is too large (" + file.size.toLocaleString("en") + " bytes; the limit is "
        + Math.round(state.maxImageBytes / 1024) + " KiB)", true);
      return;
    }
    const data = await file.arrayBuffer();
    const wrap = addImage({
      from: state.nickname, ts: Date.now(), name: file.name || "pasted image", size: file.size,
      url: URL.createObjectURL(file),
    }, true);
    const delivered = deliveryState(wrap);
    state.socket.timeout(ACK_TIMEOUT_MS * 2).emit("image", { name: file.name || "pasted image", type: file.type }, data,
      (error, answer) => {
        if (error) delivered(null, "(no answer)");
        else if (answer.error) delivered(null, answer.error);
        else delivered(answer.id);
      });
  }

  // ---- typing --------------------------------------------------------------------------

  // "typing" is a volatile broadcast (it may be dropped): repeated while typing goes on
  function sendTyping(typing) {
    clearTimeout(state.typingTimer);
    if (typing) state.typingTimer = setTimeout(() => sendTyping(false), TYPING_IDLE_MS);
    if (!state.socket || !state.socket.connected) return;
    const now = Date.now();
    const due = typing ? !state.typingSent || now - state.typingSentAt > TYPING_REPEAT_MS : state.typingSent;
    if (due) {
      state.typingSent = typing;
      state.typingSentAt = now;
      state.socket.emit("typing", typing);
    }
  }

  function typist(nickname, typing) {
    clearTimeout(state.typists.get(nickname));
    state.typists.delete(nickname);
    if (typing) state.typists.set(nickname, setTimeout(() => typist(nickname, false), TYPING_SHOWN_MS));
    renderTyping();
  }

  function clearTypists() {
    for (const timer of state.typists.values()) clearTimeout(timer);
    state.typists.clear();
    renderTyping();
  }

  function renderTyping() {
    const names = [...state.typists.keys()];
    el.typing.textContent = names.length === 0 ? ""
      : names.length === 1 ? names[0] + " is typing…"
      : names.length <= 3 ? names.slice(0, -1).join(", ") + " and " + names.at(-1) + " are typing…"
      : "several people are typing…";
  }

  // ---- wiring --------------------------------------------------------------------------

  el.loginForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const nickname = el.nickname.value.trim();
    if (!nickname) return;
    state.nickname = nickname;
    sessionStorage.setItem("chat.nickname", nickname);
    el.loginError.textContent = "";
    if (state.socket) state.socket.close();
    connect();
  });

  el.composer.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = el.text.value.trim();
    if (!text) return;
    el.text.value = "";
    sendTyping(false);
    if (text === "/clear") {
      clearHistory();
      return;
    }
    sendText(text);
  });

  // "/clear" empties the room's history (moderators only under the 'secure' profile)
  function clearHistory() {
    state.socket.timeout(ACK_TIMEOUT_MS).emit("clear", (error, answer) => {
      if (error) addSystem("clear: no answer", true);
      else if (answer.error) addSystem("clear: " + answer.error, true);
    });
  }

  el.text.addEventListener("input", () => sendTyping(el.text.value.length > 0));

  el.newRoom.addEventListener("submit", (event) => {
    event.preventDefault();
    const room = el.roomName.value.trim().toLowerCase();
    if (!room) return;
    el.roomName.value = "";
    join(room);
  });

  el.file.addEventListener("change", () => {
    sendImage(el.file.files[0]);
    el.file.value = "";
  });

  document.addEventListener("paste", (event) => {
    if (!state.socket || !event.clipboardData) return;
    for (const item of event.clipboardData.items) {
      if (item.kind === "file" && item.type.startsWith("image/")) {
        event.preventDefault();
        sendImage(item.getAsFile());
        return;
      }
    }
  });

  el.messages.addEventListener("dragover", (event) => {
    event.preventDefault();
    el.messages.classList.add("drop");
  });
  el.messages.addEventListener("dragleave", () => el.messages.classList.remove("drop"));
  el.messages.addEventListener("drop", (event) => {
    event.preventDefault();
    el.messages.classList.remove("drop");
    sendImage(event.dataTransfer.files[0]);
  });

  if (state.nickname) {
    // a reload: straight back into the chat
    el.nickname.value = state.nickname;
    el.login.hidden = true;
    el.app.hidden = false;
    connect();
  }
})();
