//! Running a reader program as a child process within limits: a time
//! limit (it is killed after), an address-space limit (set between fork and
//! exec), and a cap on what it prints. What a crash, a hang or a runaway
//! file costs is that one run.

use std::io::Read;
use std::process::{Command, ExitStatus, Stdio};
use std::time::Duration;

use wait_timeout::ChildExt;

/// How long a run may take and how much memory it may map.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub timeout: Duration,
    /// Bytes of address space.
    pub memory: u64,
    /// Bytes of standard output kept; more is an overflow.
    pub output: usize,
}

/// A run that ended by itself.
#[derive(Debug)]
pub struct Finished {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    /// Whether it printed more than [`Limits::output`].
    pub overflow: bool,
    pub stderr: String,
}

impl Finished {
    /// The signal that stopped it, if one did.
    pub fn signal(&self) -> Option<i32> {
        signal(&self.status)
    }
}

/// Why a run gave no result.
#[derive(Debug)]
pub enum Failed {
    /// The program could not be started (not installed, not executable).
    Start(std::io::Error),
    /// It ran past its time limit and was killed.
    TimedOut,
}

/// Run `command` with `limits`; its input is empty.
pub fn run(mut command: Command, limits: Limits) -> Result<Finished, Failed> {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    limit_memory(&mut command, limits.memory);
    let mut child = command.spawn().map_err(Failed::Start)?;
    let stdout = child.stdout.take();
    let stderr = child.stderr.take();
    // Read both pipes while waiting, so a full pipe never stalls it.
    let out = std::thread::spawn(move || capture(stdout, limits.output));
    let err = std::thread::spawn(move || capture(stderr, 64 * 1024));
    let status = match child.wait_timeout(limits.timeout) {
        Ok(Some(status)) => status,
        Ok(None) | Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Failed::TimedOut);
        }
    };
    let (stdout, overflow) = out.join().unwrap_or_default();
    let (stderr, _) = err.join().unwrap_or_default();
    Ok(Finished {
        status,
        stdout,
        overflow,
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    })
}

/// Up to `max` bytes of a pipe, and whether there was more.
fn capture(pipe: Option<impl Read>, max: usize) -> (Vec<u8>, bool) {
    let mut buf = Vec::new();
    let Some(pipe) = pipe else {
        return (buf, false);
    };
    let mut limited = pipe.take(max as u64 + 1);
    let _ = limited.read_to_end(&mut buf);
    let over = buf.len() > max;
    if over {
        // Drain the rest so the child can finish (or be killed by its timeout).
        let _ = std::io::copy(&mut limited.into_inner(), &mut std::io::sink());
        buf.truncate(max);
    }
    (buf, over)
}

#[cfg(unix)]
fn signal(status: &ExitStatus) -> Option<i32> {
    std::os::unix::process::ExitStatusExt::signal(status)
}

#[cfg(not(unix))]
fn signal(_: &ExitStatus) -> Option<i32> {
    None
}

/// Cap the child's address space, so a runaway file fails alone instead
/// of pushing the machine into swap.
#[cfg(unix)]
fn limit_memory(command: &mut Command, bytes: u64) {
    use std::os::unix::process::CommandExt;
    let limit = libc::rlimit {
        rlim_cur: bytes as libc::rlim_t,
        rlim_max: bytes as libc::rlim_t,
    };
    // SAFETY: runs in the child between fork and exec, and only calls
    // setrlimit, which is async-signal-safe; it touches no memory of the
    // parent's but the copied `limit`.
    unsafe {
        command.pre_exec(move || {
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn limit_memory(_: &mut Command, _: u64) {}
