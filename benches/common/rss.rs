//! Peak RSS of a command, for the benchmarks.

use std::process::{Command, Stdio};

/// Set in a copy of this program that only starts a command and reports
/// its peak RSS (see [`run_with_rss`]).
pub const LAUNCHER: &str = "MINUTES_BENCH_LAUNCHER";

/// Run a command to completion; its stdout and peak RSS (KiB).
///
/// Linux carries a process's high-water mark across exec, so a command
/// forked from this (large) benchmark process would report this process's
/// size whenever that is larger. A fresh, small copy of this program starts
/// the command instead and reports what wait4 says.
pub fn run_with_rss(cmd: Command) -> (Vec<u8>, i64) {
    let out = Command::new(std::env::current_exe().expect("this program's path"))
        .env(LAUNCHER, "1")
        .arg(cmd.get_program())
        .args(cmd.get_args())
        .stderr(Stdio::piped())
        .output()
        .expect("start the launcher");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let rss = stderr
        .lines()
        .find_map(|l| l.strip_prefix("peak-rss-kib "))
        .and_then(|n| n.trim().parse().ok())
        .expect("the launcher reports the peak RSS");
    (out.stdout, rss)
}

/// The launcher: run the command in the arguments, pass its stdout on, and
/// print its peak RSS on stderr.
pub fn launch() -> ! {
    use std::io::Write;
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let mut cmd = Command::new(&args[0]);
    cmd.args(&args[1..]);
    let (out, rss) = wait_with_rss(cmd);
    let _ = std::io::stdout().write_all(&out);
    eprintln!("peak-rss-kib {rss}");
    std::process::exit(0)
}

/// Run a command to completion; its stdout and peak RSS (KiB) from wait4.
// The child is reaped by wait4 (which also reports its peak RSS), not by
// Child::wait, which clippy cannot see.
#[allow(clippy::zombie_processes)]
fn wait_with_rss(mut cmd: Command) -> (Vec<u8>, i64) {
    use std::io::Read;
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut out = Vec::new();
    if let Some(mut stdout) = child.stdout.take() {
        let _ = stdout.read_to_end(&mut out);
    }
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data, written by the kernel for this pid.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own child, not yet reaped.
    unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    (out, usage.ru_maxrss)
}
