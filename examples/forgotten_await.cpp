// The forgotten-await mistake: calling a coroutine only creates a task; it
// runs nothing until it is awaited. asynclint reports both mistakes below
// (async-unawaited-task). The program shows the effect: no email is sent.
#include <aio/run.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>

#include <chrono>
#include <cstdio>

using namespace std::chrono_literals;

int emails_sent = 0;

aio::task<> send_email(const char *to) {
  co_await aio::sleep_for(1ms);
  ++emails_sent;
  std::printf("sent email to %s\n", to);
}

aio::task<> register_user(const char *email) {
  // MISTAKE: the task is discarded (the compiler warns here too, because
  // aio::task is [[nodiscard]]).
  send_email(email);
  // MISTAKE: the task is stored and never awaited (no compiler warning).
  auto reminder = send_email(email);
  co_return;
}

int main() {
  aio::run(register_user("ada@example.com"));
  std::printf("emails sent: %d (expected 2 if the tasks had been awaited)\n",
              emails_sent);
  return emails_sent == 0 ? 0 : 1;
}
