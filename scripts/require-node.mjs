// Stops npm scripts early when they would run on a Node.js older than the pinned one.
// npm puts node_modules/.bin (with the pinned `node` devDependency) first on PATH,
// so this only fails when `npm install` has not been run or could not install it.
const major = Number(process.versions.node.split(".")[0]);
if (major < 24) {
  console.error(
    `SIPAP necesita Node.js 24 o superior y este proceso usa Node.js ${process.versions.node}.\n` +
      "Ejecute `npm install` (instala Node.js 24 dentro del proyecto) y vuelva a intentar con `npm start` o `npm test`.",
  );
  process.exit(1);
}
