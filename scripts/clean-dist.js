// Removes compiled output so that a deleted source or test file leaves no stale JavaScript behind.
require('node:fs').rmSync(require('node:path').join(__dirname, '..', 'dist'), { recursive: true, force: true });
