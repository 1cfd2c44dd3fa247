//! The index directory on disk, with the segment files a search reads held in memory.
//!
//! Memory-mapped index pages are page cache, which the kernel may drop when they have
//! not been read for a while (hosts that reclaim cold pages proactively do so within a
//! minute); the next query then waits for the disk. A copy in the process's own memory
//! stays. Segment files never change once written, so a copy stays true until the file
//! is deleted.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback,
    WatchHandle, WritePtr,
};

#[derive(Clone, Debug)]
pub(super) struct ResidentDirectory {
    disk: MmapDirectory,
    files: Arc<Mutex<HashMap<PathBuf, OwnedBytes>>>,
}

impl ResidentDirectory {
    pub(super) fn open(dir: &Path) -> Result<Self, OpenDirectoryError> {
        Ok(Self {
            disk: MmapDirectory::open(dir)?,
            files: Arc::default(),
        })
    }

    fn files(&self) -> MutexGuard<'_, HashMap<PathBuf, OwnedBytes>> {
        self.files.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Bytes of the files held in memory.
    #[cfg(test)]
    fn resident_bytes(&self) -> usize {
        self.files().values().map(|b| b.len()).sum()
    }
}

impl Directory for ResidentDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        if let Some(bytes) = self.files().get(path) {
            return Ok(Arc::new(bytes.clone()));
        }
        let mapped = self.disk.get_file_handle(path)?;
        let bytes = mapped
            .read_bytes(0..mapped.len())
            .map_err(|e| OpenReadError::wrap_io_error(e, path.to_path_buf()))?;
        // A copy, so the mapping (and its reclaimable pages) goes when `mapped` does.
        let owned = OwnedBytes::new(bytes.as_slice().to_vec());
        self.files().insert(path.to_path_buf(), owned.clone());
        Ok(Arc::new(owned))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.files().remove(path);
        self.disk.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.disk.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.files().remove(path);
        self.disk.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.disk.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.disk.atomic_write(path, data)
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        self.disk.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.disk.acquire_lock(lock)
    }

    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.disk.watch(callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use tantivy::directory::TerminatingWrite;

    fn write(dir: &ResidentDirectory, name: &str, data: &[u8]) {
        let mut w = dir.open_write(Path::new(name)).unwrap();
        w.write_all(data).unwrap();
        w.terminate().unwrap();
    }

    fn read(dir: &ResidentDirectory, name: &str) -> Vec<u8> {
        dir.open_read(Path::new(name))
            .and_then(|f| {
                f.read_bytes()
                    .map_err(|e| OpenReadError::wrap_io_error(e, name.into()))
            })
            .unwrap()
            .as_slice()
            .to_vec()
    }

    #[test]
    fn files_read_once_are_served_from_memory_until_deleted() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = ResidentDirectory::open(tmp.path()).unwrap();
        write(&dir, "a.idx", b"postings");
        assert_eq!(dir.resident_bytes(), 0);
        assert_eq!(read(&dir, "a.idx"), b"postings");
        assert_eq!(dir.resident_bytes(), 8);
        // Gone from disk behind the directory's back, the copy still answers.
        std::fs::remove_file(tmp.path().join("a.idx")).unwrap();
        assert_eq!(read(&dir, "a.idx"), b"postings");
        write(&dir, "a.idx", b"new");
        assert_eq!(read(&dir, "a.idx"), b"new");
        dir.delete(Path::new("a.idx")).unwrap();
        assert_eq!(dir.resident_bytes(), 0);
        assert!(dir.open_read(Path::new("a.idx")).is_err());
    }
}
