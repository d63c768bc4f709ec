//! A folder of recordings, as `record` writes it: one file per exchange, numbered in the order the requests
//! arrived, each written whole and flushed to the disk before its answer goes back.

use crate::recording::{Exchange, file_name};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// A folder of recordings being written.
#[derive(Debug)]
pub struct Folder {
    dir: PathBuf,
    next: AtomicU64,
}

impl Folder {
    /// Opens `dir`, making it when missing. Numbering continues after the files already there,
    /// so a second session adds to the first instead of overwriting it.
    pub fn open(dir: &Path) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let mut last = 0;
        for entry in std::fs::read_dir(dir)? {
            let name = entry?.file_name();
            let name = name.to_string_lossy();
            if let Some(number) = name
                .split('-')
                .next()
                .and_then(|digits| digits.parse::<u64>().ok())
            {
                last = last.max(number);
            }
        }
        Ok(Self {
            dir: dir.to_owned(),
            next: AtomicU64::new(last + 1),
        })
    }

    /// Takes the next sequence number: call it when a request arrives.
    pub fn take_sequence(&self) -> u64 {
        self.next.fetch_add(1, Ordering::Relaxed)
    }

    /// Writes `exchange` as the next file.
    pub fn append(&self, exchange: &Exchange) -> std::io::Result<PathBuf> {
        self.write(self.take_sequence(), exchange)
    }

    /// Writes `exchange` as the `sequence`-th file: to a temporary name, flushed, then renamed,
    /// so the folder never holds half a file.
    pub fn write(&self, sequence: u64, exchange: &Exchange) -> std::io::Result<PathBuf> {
        let path = self.dir.join(file_name(sequence, exchange));
        let partial = self.dir.join(format!(".{sequence:06}.partial"));
        let mut text = serde_json::to_vec_pretty(exchange).map_err(std::io::Error::other)?;
        text.push(b'\n');
        let mut file = std::fs::File::create(&partial)?;
        file.write_all(&text)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&partial, &path)?;
        Ok(path)
    }
}
