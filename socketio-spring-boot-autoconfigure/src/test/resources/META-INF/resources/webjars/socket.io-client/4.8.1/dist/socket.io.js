/* fake socket.io-client 4.8.1 bundle for tests (not the real client) */
window.io = function io() { return "fake"; };
//# sourceMappingURL=socket.io.js.map
