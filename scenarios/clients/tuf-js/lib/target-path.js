'use strict';
// Where a downloaded target is stored: TDIR/<target path>, keeping its directories, so that a
// caller finds target "a/b.txt" at TDIR/a/b.txt. Target paths come from signed metadata, but the
// repository may be the attacker's, so a path that could leave TDIR (absolute, "..", empty
// segments, or through a symbolic link) is refused rather than written.
const fs = require('fs');
const path = require('path');

class UnsafeTargetPathError extends Error {}

function localTargetPath(targetDir, targetPath) {
  const segments = String(targetPath).split('/');
  if (!targetPath || targetPath.includes('\0') || segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new UnsafeTargetPathError(`target path '${targetPath}' would not stay inside the target directory`);
  }
  const root = path.resolve(targetDir);
  const local = path.resolve(root, ...segments);
  if (!local.startsWith(root + path.sep)) {
    throw new UnsafeTargetPathError(`target path '${targetPath}' resolves outside the target directory`);
  }
  return local;
}

// Create the directories `local` needs. Returns the first directory created (undefined if none),
// so a failed download can remove what it made and leave TDIR as it was.
function prepareParent(targetDir, local) {
  const created = fs.mkdirSync(path.dirname(local), { recursive: true });
  const realRoot = fs.realpathSync(targetDir);
  const realParent = fs.realpathSync(path.dirname(local));
  const linked = fs.lstatSync(local, { throwIfNoEntry: false })?.isSymbolicLink();
  if ((realParent !== realRoot && !realParent.startsWith(realRoot + path.sep)) || linked) {
    removeCreated(created);
    throw new UnsafeTargetPathError(`'${local}' leads outside the target directory through a symbolic link`);
  }
  return created;
}

function removeCreated(dir) {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

module.exports = { localTargetPath, prepareParent, removeCreated, UnsafeTargetPathError };
