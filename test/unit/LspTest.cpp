// Property tests of asynclint-clangd's LSP plumbing: the framing layer fed
// random, garbled and truncated streams in random chunks (fixed seeds, so a
// failure reproduces), and positions in the three encodings.

#include "ClangdProxy.h"
#include "LspFraming.h"
#include "LspText.h"
#include "gtest/gtest.h"
#include <atomic>
#include <chrono>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

using namespace asynclint::lsp;

namespace {

// Min to Min + Span - 1 pieces drawn from \p Pieces, concatenated.
std::string randomJoin(std::mt19937 &Rng,
                       const std::vector<std::string> &Pieces, unsigned Min,
                       unsigned Span) {
  std::string Out;
  unsigned N = Min + Rng() % Span;
  for (unsigned I = 0; I < N; ++I)
    Out += Pieces[Rng() % Pieces.size()];
  return Out;
}

std::string randomBody(std::mt19937 &Rng) {
  // Bodies that contain what a careless framer would trip on.
  static const std::vector<std::string> Pieces = {"{\"a\":1}",
                                                  "\r\n\r\n",
                                                  "Content-Length: 12\r\n",
                                                  "\xc3\xa9",
                                                  "\xf0\x9f\x98\x80",
                                                  std::string(1, '\0'),
                                                  "x",
                                                  ":"};
  return randomJoin(Rng, Pieces, 0, 12);
}

std::string randomGarbage(std::mt19937 &Rng) {
  static const std::vector<std::string> Pieces = {"Content-Type: x\r\n",
                                                  "\r\n",
                                                  "\r\n\r\n",
                                                  "12",
                                                  ":",
                                                  "Content-",
                                                  "Length",
                                                  "abc",
                                                  std::string(1, '\xff'),
                                                  " ",
                                                  "-1",
                                                  "99999999999"};
  std::string G = randomJoin(Rng, Pieces, 1, 10);
  // Never a real header: that would (rightly) be read as a message.
  std::string Lower = llvm::StringRef(G).lower();
  if (Lower.find("content-length") != std::string::npos)
    return "abc";
  return G;
}

// Feeds \p Stream to a reader in random chunks; returns the events.
std::vector<FrameEvent> feedChunked(const std::string &Stream,
                                    std::mt19937 &Rng, bool Finish = true) {
  FrameReader R;
  std::vector<FrameEvent> Events;
  for (size_t I = 0; I < Stream.size();) {
    size_t N = 1 + Rng() % 64;
    R.feed(llvm::StringRef(Stream).substr(I, N), Events);
    I += N;
  }
  if (Finish)
    for (FrameEvent &E : R.finish())
      Events.push_back(std::move(E));
  return Events;
}

std::vector<std::string> messagesOf(const std::vector<FrameEvent> &Events) {
  std::vector<std::string> M;
  for (const FrameEvent &E : Events)
    if (E.K == FrameEvent::Message)
      M.push_back(E.Text);
  return M;
}

size_t errorsOf(const std::vector<FrameEvent> &Events) {
  return Events.size() - messagesOf(Events).size();
}

TEST(FrameReaderTest, WellFormedStreamsRoundTripInAnyChunking) {
  std::mt19937 Rng(1);
  for (int Round = 0; Round < 2000; ++Round) {
    std::vector<std::string> Bodies;
    std::string Stream;
    for (unsigned I = 0, N = Rng() % 6; I < N; ++I) {
      Bodies.push_back(randomBody(Rng));
      Stream += frame(Bodies.back());
    }
    std::vector<FrameEvent> Events = feedChunked(Stream, Rng);
    EXPECT_EQ(errorsOf(Events), 0u) << "round " << Round;
    EXPECT_EQ(messagesOf(Events), Bodies) << "round " << Round;
  }
}

TEST(FrameReaderTest, OtherHeadersAndCaseAreAccepted) {
  FrameReader R;
  std::vector<FrameEvent> Events;
  R.feed("content-length: 2\r\nContent-Type: application/vscode-jsonrpc; "
         "charset=utf-8\r\n\r\n{}",
         Events);
  ASSERT_EQ(Events.size(), 1u);
  EXPECT_EQ(Events[0].Text, "{}");
}

TEST(FrameReaderTest, GarbageIsReportedAndTheNextMessageRecovered) {
  std::mt19937 Rng(2);
  for (int Round = 0; Round < 2000; ++Round) {
    std::vector<std::string> Bodies;
    std::string Stream;
    // Garbage that ends a header block cannot be part of the next
    // message's header and must be reported; garbage that runs into the next
    // header may legitimately be read as part of it ("Content-Type: x\r\n").
    bool MustReport = false;
    for (unsigned I = 0, N = 1 + Rng() % 5; I < N; ++I) {
      if (Rng() % 2) {
        Stream += randomGarbage(Rng);
        if (Rng() % 2) {
          Stream += "\r\n\r\n";
          MustReport = true;
        }
      }
      Bodies.push_back(randomBody(Rng));
      Stream += frame(Bodies.back());
    }
    std::vector<FrameEvent> Events = feedChunked(Stream, Rng);
    EXPECT_EQ(messagesOf(Events), Bodies) << "round " << Round;
    if (MustReport)
      EXPECT_GT(errorsOf(Events), 0u) << "round " << Round;
  }
}

TEST(FrameReaderTest, TruncatedStreamsGiveTheWholeMessagesAndOneError) {
  std::mt19937 Rng(3);
  for (int Round = 0; Round < 2000; ++Round) {
    std::vector<std::string> Bodies;
    std::vector<size_t> Ends; // stream offset after each frame
    std::string Stream;
    for (unsigned I = 0, N = 1 + Rng() % 5; I < N; ++I) {
      Bodies.push_back(randomBody(Rng));
      Stream += frame(Bodies.back());
      Ends.push_back(Stream.size());
    }
    size_t Cut = Rng() % (Stream.size() + 1);
    std::vector<FrameEvent> Events = feedChunked(Stream.substr(0, Cut), Rng);
    size_t Whole = 0;
    while (Whole < Ends.size() && Ends[Whole] <= Cut)
      ++Whole;
    bool InsideAFrame = Cut != (Whole ? Ends[Whole - 1] : 0);
    std::vector<std::string> Expected(Bodies.begin(), Bodies.begin() + Whole);
    EXPECT_EQ(messagesOf(Events), Expected) << "round " << Round;
    EXPECT_EQ(errorsOf(Events), InsideAFrame ? 1u : 0u) << "round " << Round;
  }
}

TEST(FrameReaderTest, RandomBytesNeverCrashNorHang) {
  std::mt19937 Rng(4);
  auto Start = std::chrono::steady_clock::now();
  for (int Round = 0; Round < 500; ++Round) {
    std::string Stream(Rng() % 4096, '\0');
    for (char &C : Stream)
      C = static_cast<char>(Rng());
    // Sprinkle in header material so that the parser goes past line one.
    for (unsigned I = 0; I < 5 && !Stream.empty(); ++I)
      Stream.insert(Rng() % Stream.size(),
                    I % 2 ? "\r\n\r\n" : "Content-Length: 7\r\n");
    std::vector<FrameEvent> Events = feedChunked(Stream, Rng);
    size_t Bytes = 0;
    for (const std::string &E : messagesOf(Events))
      Bytes += E.size();
    EXPECT_LE(Bytes, Stream.size());
  }
  EXPECT_LT(std::chrono::steady_clock::now() - Start, std::chrono::seconds(20));
}

TEST(FrameReaderTest, BadLengthsAreErrors) {
  for (const char *Header : {"Content-Length: -1", "Content-Length: 1x",
                             "Content-Length: ", "Content-Length: 99999999999",
                             "no colon here", "Content-Type: x"}) {
    FrameReader R;
    std::vector<FrameEvent> Events;
    R.feed(std::string(Header) + "\r\n\r\n{}" + frame("ok"), Events);
    ASSERT_EQ(Events.size(), 2u) << Header;
    EXPECT_EQ(Events[0].K, FrameEvent::Error) << Header;
    EXPECT_EQ(Events[1].Text, "ok") << Header;
  }
}

TEST(FrameReaderTest, DuplicateLengthIsAnError) {
  // Reported; reading resumes at the second header, which frames "{}".
  FrameReader R;
  std::vector<FrameEvent> Events;
  R.feed("Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}" + frame("ok"),
         Events);
  EXPECT_EQ(errorsOf(Events), 1u);
  EXPECT_EQ(messagesOf(Events), (std::vector<std::string>{"{}", "ok"}));
}

TEST(FrameReaderTest, OneErrorPerBadHeaderWhenTheNextComesLater) {
  // The bad header block arrives alone; what follows comes in a later read.
  FrameReader R;
  std::vector<FrameEvent> Events;
  R.feed("Content-Length: -5\r\n\r\n", Events);
  R.feed("Content-", Events);
  R.feed(frame("ok").substr(8), Events);
  EXPECT_EQ(errorsOf(Events), 1u);
  EXPECT_EQ(messagesOf(Events), std::vector<std::string>{"ok"});
}

TEST(FrameReaderTest, EndlessHeaderIsCutOff) {
  FrameReader R;
  std::vector<FrameEvent> Events;
  std::string Junk(FrameReader::MaxHeaderBytes * 4, 'a');
  R.feed(Junk, Events);
  EXPECT_EQ(errorsOf(Events), 1u);
  R.feed(frame("ok"), Events);
  EXPECT_EQ(messagesOf(Events), std::vector<std::string>{"ok"});
}

TEST(LspTextTest, PositionsCountTheNegotiatedUnits) {
  // "a\u00e9\U0001F600b" then a second line: é is 2 bytes / 1 UTF-16 unit,
  // the emoji 4 bytes / 2 UTF-16 units / 1 code point.
  std::string Text = "a\xc3\xa9\xf0\x9f\x98\x80"
                     "b\nxy";
  size_t B = Text.find('b');
  EXPECT_EQ(positionOf(Text, B, Encoding::UTF8).Character, 7);
  EXPECT_EQ(positionOf(Text, B, Encoding::UTF16).Character, 4);
  EXPECT_EQ(positionOf(Text, B, Encoding::UTF32).Character, 3);
  for (Encoding E : {Encoding::UTF8, Encoding::UTF16, Encoding::UTF32})
    for (size_t Offset :
         {size_t(0), size_t(1), size_t(3), B, B + 1, B + 2, Text.size()}) {
      Position P = positionOf(Text, Offset, E);
      EXPECT_EQ(offsetOf(Text, P, E), Offset);
    }
  EXPECT_EQ(positionOf(Text, Text.size(), Encoding::UTF16).Line, 1);
  // Past the end of a line: the end of that line; past the last line: no.
  EXPECT_EQ(offsetOf(Text, {0, 99}, Encoding::UTF16), B + 1);
  EXPECT_EQ(offsetOf(Text, {2, 0}, Encoding::UTF16), std::nullopt);
  EXPECT_EQ(offsetOf(Text, {-1, 0}, Encoding::UTF16), std::nullopt);
}

TEST(LspTextTest, ChangesApplyAndReportWhatTheyReplaced) {
  std::string Text = "one\ntwo\nthree\n";
  llvm::json::Object Change{
      {"range",
       llvm::json::Object{
           {"start", llvm::json::Object{{"line", 1}, {"character", 0}}},
           {"end", llvm::json::Object{{"line", 1}, {"character", 3}}}}},
      {"text", "2"}};
  auto C = applyChange(Text, Change, Encoding::UTF16);
  ASSERT_TRUE(C);
  EXPECT_EQ(Text, "one\n2\nthree\n");
  EXPECT_EQ(C->Begin, 4u);
  EXPECT_EQ(C->End, 7u);
  EXPECT_EQ(C->NewLength, 1u);
  // A range outside the text is refused and leaves the text alone.
  llvm::json::Object Bad{
      {"range",
       llvm::json::Object{
           {"start", llvm::json::Object{{"line", 9}, {"character", 0}}},
           {"end", llvm::json::Object{{"line", 9}, {"character", 0}}}}},
      {"text", "x"}};
  EXPECT_FALSE(applyChange(Text, Bad, Encoding::UTF16));
  EXPECT_EQ(Text, "one\n2\nthree\n");
  llvm::json::Object Whole{{"text", "new"}};
  C = applyChange(Text, Whole, Encoding::UTF16);
  ASSERT_TRUE(C);
  EXPECT_TRUE(C->WholeDocument);
  EXPECT_EQ(Text, "new");
}

TEST(LspTextTest, FileURIs) {
  EXPECT_EQ(uriToPath("file:///tmp/a%20b/c%2B%2B.cpp"), "/tmp/a b/c++.cpp");
  EXPECT_EQ(uriToPath("untitled:Untitled-1"), std::nullopt);
  EXPECT_EQ(uriToPath("file:///bad%zz"), "/bad%zz");
  EXPECT_EQ(pathToURI("/tmp/a b/c++.cpp"), "file:///tmp/a%20b/c%2B%2B.cpp");
  EXPECT_EQ(uriToPath(pathToURI("/tmp/\xc3\xa9/x.cpp")), "/tmp/\xc3\xa9/x.cpp");
}

} // namespace

// The proxy never writes to the client while holding its state lock: an
// editor that is slow to read must not stop the proxy from taking the
// editor's next message (or clangd's). Each write here asks another thread
// to hand the proxy a message and waits for it; under the lock that thread
// would block until the write returned.
TEST(ClangdProxyTest, WritesToTheClientWithoutHoldingTheStateLock) {
  using asynclint::ClangdProxy;
  struct Probe {
    std::atomic<bool> Done{false};
  };
  std::vector<std::shared_ptr<Probe>> Probes;
  std::atomic<int> Blocked{0};
  ClangdProxy *Proxy = nullptr;
  auto ToClient = [&](const std::string &) {
    auto P = std::make_shared<Probe>();
    Probes.push_back(P);
    std::thread([Proxy, P] {
      Proxy->fromClient(
          R"({"jsonrpc":"2.0","method":"textDocument/didClose",)"
          R"("params":{"textDocument":{"uri":"file:///o.cpp"}}})");
      P->Done = true;
    }).detach();
    auto Deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!P->Done && std::chrono::steady_clock::now() < Deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    Blocked += !P->Done;
  };
  ClangdProxy::Options Opts;
  ClangdProxy TheProxy(
      Opts, ToClient, [](const std::string &) {},
      [](const std::string &, const std::string &) {
        return std::vector<asynclint::BufferFinding>();
      },
      [](const std::string &) {});
  Proxy = &TheProxy;
  // A diagnostics list from clangd and an answer to an untracked request:
  // both relayed to the client.
  Proxy->fromServer(R"({"jsonrpc":"2.0","method":"textDocument/)"
                    R"(publishDiagnostics","params":{"uri":"file:///o.cpp",)"
                    R"("diagnostics":[]}})");
  Proxy->fromServer(R"({"jsonrpc":"2.0","id":7,"result":null})");
  EXPECT_EQ(Probes.size(), 2U);
  EXPECT_EQ(Blocked, 0);
  for (const auto &P : Probes) // the probes finish before the proxy goes
    while (!P->Done)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
}
