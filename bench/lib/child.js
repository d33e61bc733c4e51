// Entry of a child process started by ./children.js: imports the module named in its first message,
// calls its `start(name, config)` and sends back what that returns (JSON: a URL, a token...). Keeps each
// server under test in its own process, so the load generator in the parent does not steal its CPU.
// Answers `usage` requests with its CPU time, and exits when the parent goes away.
process.once('message', async ({ module, name, config }) => {
  try {
    const { start } = await import(module);
    const info = await start(name, config);
    process.send({ type: 'ready', info });
  } catch (error) {
    process.send({ type: 'failed', message: error instanceof Error ? error.stack : String(error) });
    process.exitCode = 1;
    process.disconnect();
    return;
  }
  process.on('message', (message) => {
    if (message.type === 'usage') process.send({ type: 'usage', id: message.id, usage: process.cpuUsage() });
  });
});
// The parent closing the channel (normally or by crashing) ends this child; --cpu-prof writes on exit.
process.once('disconnect', () => process.exit());
