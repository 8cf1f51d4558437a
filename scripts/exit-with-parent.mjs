// Preloaded into the Next.js server (`node --import`, see next-server.ts). When the process that
// started it holds an IPC channel to it, as scripts/start.ts does while it hosts the embedded
// database, the channel closes when that process dies, however it dies (SIGKILL too). The server then
// exits instead of holding the port and answering 500s without its database, so a restart just works.
if (process.channel) {
  // The channel only watches the parent: it must not keep the server alive on its own.
  process.channel.unref();
  process.on("disconnect", () => {
    console.error("The process that started this server has exited; stopping the server.");
    process.exit(1);
  });
}
