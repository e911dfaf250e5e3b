// Helpers for tests that start, signal and stop other programs: a child
// process with an optional stdin pipe, killed with its whole process group
// when the object goes away (so a failing test never leaves one behind),
// and a free loopback port.
#ifndef LIBSEARCH_TESTS_PROCESS_UTIL_H_
#define LIBSEARCH_TESTS_PROCESS_UTIL_H_

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace testutil {

class Child {
 public:
  // Starts argv[0] (looked up in PATH) in a process group of its own, with
  // stdout and stderr appended to `log`. With `stdin_pipe`, write() feeds
  // its standard input; otherwise it reads /dev/null.
  Child(const std::vector<std::string>& argv, const std::string& log, bool stdin_pipe = false) {
    int fds[2] = {-1, -1};
    if (stdin_pipe && pipe2(fds, O_CLOEXEC) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      setpgid(0, 0);
      int in = stdin_pipe ? fds[0] : open("/dev/null", O_RDONLY);
      int out = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      dup2(in, 0);
      dup2(out, 1);
      dup2(out, 2);
      std::vector<char*> args;
      for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      execvp(args[0], args.data());
      _exit(127);
    }
    if (pid_ > 0) setpgid(pid_, pid_);  // also here: no race with kill()
    if (stdin_pipe) {
      close(fds[0]);
      if (pid_ > 0) stdin_ = fds[1];
      else close(fds[1]);
    }
  }
  ~Child() {
    CloseStdin();
    Stop();
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  bool started() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }

  // Writes all of `data` to the child's stdin; false once it is gone.
  bool Write(const std::string& data) {
    std::size_t done = 0;
    while (stdin_ >= 0 && done < data.size()) {
      ssize_t n = ::write(stdin_, data.data() + done, data.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      done += static_cast<std::size_t>(n);
    }
    return stdin_ >= 0;
  }
  void CloseStdin() {
    if (stdin_ >= 0) close(stdin_);
    stdin_ = -1;
  }

  void Signal(int sig) {
    if (pid_ > 0 && !reaped_) kill(pid_, sig);
  }

  // True while the child has not exited.
  bool Running() {
    if (pid_ <= 0 || reaped_) return false;
    int raw = 0;
    if (waitpid(pid_, &raw, WNOHANG) == pid_) Reap(raw);
    return !reaped_;
  }

  // Waits up to `timeout` for the child to exit. Returns its exit status,
  // 128 + signal if a signal ended it, or -1 if it is still running.
  int Wait(std::chrono::milliseconds timeout = std::chrono::seconds(120)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (Running()) {
      if (std::chrono::steady_clock::now() >= deadline) return -1;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return status_;
  }

  // Ends the whole process group (the child and anything it forked):
  // SIGTERM, then SIGKILL if it lingers; reaps the child.
  void Stop() {
    if (pid_ <= 0) return;
    kill(-pid_, SIGTERM);
    if (Wait(std::chrono::seconds(5)) == -1) {
      kill(-pid_, SIGKILL);
      Wait(std::chrono::seconds(30));
    }
    kill(-pid_, SIGKILL);  // forked helpers of an already reaped child
  }

 private:
  void Reap(int raw) {
    reaped_ = true;
    status_ = WIFEXITED(raw) ? WEXITSTATUS(raw) : WIFSIGNALED(raw) ? 128 + WTERMSIG(raw) : -1;
  }

  pid_t pid_ = -1;
  int stdin_ = -1;
  bool reaped_ = false;
  int status_ = -1;
};

// A TCP port on 127.0.0.1 that was free a moment ago (the kernel picked
// it); a server may still lose a race for it, so callers retry.
inline int FreeLoopbackPort() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = -1;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

// Whether something accepts connections on 127.0.0.1:port.
inline bool Accepts(int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

}  // namespace testutil

#endif  // LIBSEARCH_TESTS_PROCESS_UTIL_H_
