// A dependent chain stays sequential (the posts need the user's id), while
// the independent users are fetched concurrently.
#include <aio/gather.hpp>
#include <aio/run.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace std::chrono_literals;

struct user {
  int id;
  std::string name;
};

aio::task<user> fetch_user(int id) {
  co_await aio::sleep_for(10ms);
  co_return user{.id = id, .name = "user" + std::to_string(id)};
}

aio::task<std::vector<std::string>> fetch_posts(int user_id) {
  co_await aio::sleep_for(10ms);
  co_return std::vector<std::string>{"post 1 of " + std::to_string(user_id),
                                     "post 2 of " + std::to_string(user_id)};
}

aio::task<std::size_t> user_with_posts(int id) {
  user u = co_await fetch_user(id);        // first the user...
  auto posts = co_await fetch_posts(u.id); // ...then its posts
  std::printf("%s has %zu posts\n", u.name.c_str(), posts.size());
  co_return posts.size();
}

aio::task<std::size_t> all_users() {
  std::vector<aio::task<std::size_t>> jobs;
  for (int id = 1; id <= 3; ++id)
    jobs.push_back(user_with_posts(id));
  auto counts = co_await aio::gather(std::move(jobs));
  std::size_t total = 0;
  for (auto n : counts)
    total += n;
  co_return total;
}

int main() { return aio::run(all_users()) == 6 ? 0 : 1; }
