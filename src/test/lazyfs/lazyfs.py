#!/usr/bin/python3
"""A FUSE filesystem that loses what was not synced when its process dies (a power cut).

    /usr/bin/python3 lazyfs.py BACKING MOUNTPOINT

Everything under MOUNTPOINT is BACKING, except that written data stays in this process's memory
(a page cache of 4 KiB pages per file) until the file is fsync'ed or fdatasync'ed; only then is it
written to BACKING and synced there. Kill this process with SIGKILL and unmount the dead mount
(`umount -l`): BACKING then holds exactly what a machine that lost power would have kept of
data. Metadata (create, mkdir, rename, unlink, truncate) goes to BACKING at once, as in Jepsen's
LazyFS default, so the test is about unsynced data. Used by the store's power-loss test.
Needs Debian's python3-fusepy (libfuse2) and root (or fusermount).
"""
import errno
import os
import sys
import threading

from fusepy import FUSE, FuseOSError, Operations

PAGE = 4096


class Dirty:
    """Unsynced pages of one file and its size as the writer sees it."""

    def __init__(self, size):
        self.size = size
        self.pages = {}


class LazyFS(Operations):
    def __init__(self, root):
        self.root = os.path.realpath(root)
        self.mutex = threading.RLock()
        self.dirty = {}  # path -> Dirty

    def _full(self, path):
        return os.path.join(self.root, path.lstrip('/'))

    def _page(self, fd, path, index):
        """The current content of one page: unsynced if there is one, else from BACKING."""
        d = self.dirty.get(path)
        if d is not None and index in d.pages:
            return d.pages[index]
        data = os.pread(fd, PAGE, index * PAGE)
        return bytearray(data) + bytearray(PAGE - len(data))

    # --- metadata, passed through ---
    def getattr(self, path, fh=None):
        with self.mutex:
            st = os.lstat(self._full(path))
            attrs = {k: getattr(st, k) for k in (
                'st_atime', 'st_ctime', 'st_gid', 'st_mode', 'st_mtime', 'st_nlink', 'st_size', 'st_uid')}
            d = self.dirty.get(path)
            if d is not None:
                attrs['st_size'] = d.size
            return attrs

    def readdir(self, path, fh):
        return ['.', '..'] + os.listdir(self._full(path))

    def mkdir(self, path, mode):
        os.mkdir(self._full(path), mode)

    def rmdir(self, path):
        os.rmdir(self._full(path))

    def unlink(self, path):
        with self.mutex:
            os.unlink(self._full(path))
            self.dirty.pop(path, None)

    def rename(self, old, new):
        with self.mutex:
            os.rename(self._full(old), self._full(new))
            d = self.dirty.pop(old, None)
            self.dirty.pop(new, None)
            if d is not None:
                self.dirty[new] = d

    def chmod(self, path, mode):
        os.chmod(self._full(path), mode)

    def chown(self, path, uid, gid):
        os.chown(self._full(path), uid, gid)

    def utimens(self, path, times=None):
        os.utime(self._full(path), times)

    def statfs(self, path):
        st = os.statvfs(self._full(path))
        return {k: getattr(st, k) for k in (
            'f_bavail', 'f_bfree', 'f_blocks', 'f_bsize', 'f_favail', 'f_ffree', 'f_files', 'f_flag',
            'f_frsize', 'f_namemax')}

    def truncate(self, path, length, fh=None):
        with self.mutex:
            os.truncate(self._full(path), length)
            d = self.dirty.get(path)
            if d is not None:
                d.size = length
                last = (length + PAGE - 1) // PAGE
                for index in [i for i in d.pages if i >= last]:
                    del d.pages[index]
                if length % PAGE and (length // PAGE) in d.pages:
                    page = d.pages[length // PAGE]
                    page[length % PAGE:] = bytearray(PAGE - length % PAGE)

    # --- files ---
    def create(self, path, mode, fi=None):
        return os.open(self._full(path), os.O_RDWR | os.O_CREAT, mode)

    def open(self, path, flags):
        return os.open(self._full(path), os.O_RDWR if (flags & os.O_ACCMODE) != os.O_RDONLY else os.O_RDONLY)

    def release(self, path, fh):
        os.close(fh)  # closing a file does not make its data durable

    def flush(self, path, fh):
        return 0

    def read(self, path, size, offset, fh):
        with self.mutex:
            d = self.dirty.get(path)
            if d is None:
                return os.pread(fh, size, offset)
            end = min(offset + size, d.size)
            out = bytearray()
            pos = offset
            while pos < end:
                index, within = divmod(pos, PAGE)
                take = min(PAGE - within, end - pos)
                out += self._page(fh, path, index)[within:within + take]
                pos += take
            return bytes(out)

    def write(self, path, data, offset, fh):
        with self.mutex:
            d = self.dirty.get(path)
            if d is None:
                d = self.dirty[path] = Dirty(os.fstat(fh).st_size)
            pos = 0
            while pos < len(data):
                index, within = divmod(offset + pos, PAGE)
                take = min(PAGE - within, len(data) - pos)
                page = self._page(fh, path, index)
                page[within:within + take] = data[pos:pos + take]
                d.pages[index] = page
                pos += take
            d.size = max(d.size, offset + len(data))
            return len(data)

    def fsync(self, path, datasync, fh):
        with self.mutex:
            d = self.dirty.pop(path, None)
            if d is not None:
                wfd = os.open(self._full(path), os.O_WRONLY)
                try:
                    for index in sorted(d.pages):
                        if index * PAGE < d.size:
                            os.pwrite(wfd, bytes(d.pages[index][:min(PAGE, d.size - index * PAGE)]), index * PAGE)
                    os.ftruncate(wfd, d.size)
                    os.fsync(wfd)
                finally:
                    os.close(wfd)
            return 0

    def fsyncdir(self, path, datasync, fh):
        return 0


if __name__ == '__main__':
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    FUSE(LazyFS(sys.argv[1]), sys.argv[2], foreground=True, nothreads=False)
