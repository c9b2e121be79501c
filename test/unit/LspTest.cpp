// Tests of asynclint-clangd's LSP plumbing: the framing layer fed random,
// garbled and truncated streams in random chunks (fixed seeds, so a failure
// reproduces), positions in the three encodings, the session the supervisor
// replays to a restarted clangd, and the default Checks list.

#include "AsyncChecksDefault.h"
#include "LspFraming.h"
#include "LspText.h"
#include "Session.h"
#include "llvm/Support/JSON.h"
#include "gtest/gtest.h"
#include <random>
#include <string>
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

namespace {

std::string message(llvm::StringRef Method, llvm::json::Value Params,
                    std::optional<int> Id = std::nullopt) {
  llvm::json::Object M{
      {"jsonrpc", "2.0"}, {"method", Method}, {"params", std::move(Params)}};
  if (Id)
    M["id"] = *Id;
  std::string Out;
  llvm::raw_string_ostream(Out) << llvm::json::Value(std::move(M));
  return Out;
}

llvm::json::Object parsed(const std::string &Text) {
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(Text);
  EXPECT_TRUE(bool(V));
  return V && V->getAsObject() ? *V->getAsObject() : llvm::json::Object();
}

// A session with initialize answered (utf-8 positions) and one document.
struct SessionTest : ::testing::Test {
  std::vector<std::string> Logs;
  asynclint::Session S{"file:///doc/",
                       [this](const std::string &L) { Logs.push_back(L); }};
  void SetUp() override {
    ASSERT_TRUE(S.fromClient(message("initialize", llvm::json::Object{}, 1)));
    ASSERT_TRUE(
        S.fromServer(R"({"jsonrpc":"2.0","id":1,"result":{"capabilities":)"
                     R"({"positionEncoding":"utf-8"}}})"));
    ASSERT_TRUE(S.fromClient(message("initialized", llvm::json::Object{})));
    ASSERT_TRUE(S.fromClient(message(
        "textDocument/didOpen",
        llvm::json::Object{
            {"textDocument", llvm::json::Object{{"uri", "file:///a.cpp"},
                                                {"languageId", "cpp"},
                                                {"version", 1},
                                                {"text", "int x;\n"}}}})));
  }
  std::optional<std::string> change(int Version, llvm::json::Object Change) {
    return S.fromClient(message(
        "textDocument/didChange",
        llvm::json::Object{
            {"textDocument", llvm::json::Object{{"uri", "file:///a.cpp"},
                                                {"version", Version}}},
            {"contentChanges", llvm::json::Array{std::move(Change)}}}));
  }
  static llvm::json::Object at(int Line, int Char, int EndChar) {
    return llvm::json::Object{
        {"start", llvm::json::Object{{"line", Line}, {"character", Char}}},
        {"end", llvm::json::Object{{"line", Line}, {"character", EndChar}}}};
  }
};

} // namespace

// A new clangd gets initialize (answer swallowed), initialized and the
// document as edited since it was opened; the request the dead clangd had
// not answered gets an error, once.
TEST_F(SessionTest, ReplayBringsTheEditedDocumentsBack) {
  ASSERT_TRUE(change(
      2, llvm::json::Object{{"range", at(0, 4, 5)}, {"text", "answer"}}));
  ASSERT_TRUE(
      S.fromClient(message("textDocument/hover", llvm::json::Object{}, 7)));
  std::vector<std::string> Errors = S.takeUnanswered();
  ASSERT_EQ(Errors.size(), 1U);
  EXPECT_EQ(parsed(Errors[0]).getInteger("id"), 7);
  EXPECT_TRUE(S.takeUnanswered().empty());

  std::vector<std::string> Replay = S.replay();
  ASSERT_EQ(Replay.size(), 3U);
  llvm::json::Object Init = parsed(Replay[0]);
  EXPECT_EQ(Init.getString("method"), "initialize");
  EXPECT_EQ(parsed(Replay[1]).getString("method"), "initialized");
  llvm::json::Object Open = parsed(Replay[2]);
  const llvm::json::Object *TD =
      Open.getObject("params")->getObject("textDocument");
  EXPECT_EQ(TD->getString("text"), "int answer;\n");
  EXPECT_EQ(TD->getInteger("version"), 2);
  // The answer to the replayed initialize is not the editor's.
  std::string Answer;
  llvm::raw_string_ostream(Answer) << llvm::json::Value(llvm::json::Object{
      {"jsonrpc", "2.0"}, {"id", *Init.get("id")}, {"result", nullptr}});
  EXPECT_FALSE(S.fromServer(Answer));
}

// A change that does not apply closes the document in clangd; the next
// whole text opens it again, with the version of that change.
TEST_F(SessionTest, ALostDocumentIsClosedUntilItsWholeTextComes) {
  std::optional<std::string> Bad =
      change(2, llvm::json::Object{{"range", at(9, 0, 1)}, {"text", "x"}});
  ASSERT_TRUE(Bad);
  EXPECT_EQ(parsed(*Bad).getString("method"), "textDocument/didClose");
  EXPECT_FALSE(
      change(3, llvm::json::Object{{"range", at(0, 0, 1)}, {"text", "y"}}));
  EXPECT_EQ(S.replay().size(), 2U); // no didOpen for it
  std::optional<std::string> Whole =
      change(4, llvm::json::Object{{"text", "int y;\n"}});
  ASSERT_TRUE(Whole);
  llvm::json::Object Open = parsed(*Whole);
  EXPECT_EQ(Open.getString("method"), "textDocument/didOpen");
  EXPECT_EQ(Open.getObject("params")
                ->getObject("textDocument")
                ->getInteger("version"),
            4);
  ASSERT_EQ(Logs.size(), 1U);
  EXPECT_NE(Logs[0].find("cannot apply a change to file:///a.cpp"),
            std::string::npos);
}

// The async-* findings link to asynclint's pages; other checks keep
// clangd's links.
TEST_F(SessionTest, AsyncFindingsLinkToAsynclintDocs) {
  std::optional<std::string> Out = S.fromServer(
      message("textDocument/publishDiagnostics",
              llvm::json::Object{
                  {"uri", "file:///a.cpp"},
                  {"diagnostics",
                   llvm::json::Array{
                       llvm::json::Object{{"code", "async-unawaited-task"}},
                       llvm::json::Object{
                           {"code", "bugprone-use-after-move"},
                           {"codeDescription",
                            llvm::json::Object{{"href", "https://x/"}}}}}}}));
  ASSERT_TRUE(Out);
  llvm::json::Object Msg = parsed(*Out);
  llvm::json::Array *Diags = Msg.getObject("params")->getArray("diagnostics");
  EXPECT_EQ((*Diags)[0]
                .getAsObject()
                ->getObject("codeDescription")
                ->getString("href"),
            "file:///doc/async-unawaited-task.md");
  EXPECT_EQ((*Diags)[1]
                .getAsObject()
                ->getObject("codeDescription")
                ->getString("href"),
            "https://x/");
}

// async-* comes first, so the project's own globs decide ("-*" or
// "-async-*" turn the checks off); safe mode turns them off last.
TEST(AsyncChecksDefaultTest, AsyncChecksComeFirstAndSafeModeLast) {
  EXPECT_EQ(asynclint::withAsyncChecks("", false), "async-*");
  EXPECT_EQ(asynclint::withAsyncChecks("-*,bugprone-*", false),
            "async-*,-*,bugprone-*");
  EXPECT_EQ(asynclint::withAsyncChecks("bugprone-*", true),
            "async-*,bugprone-*,-async-*");
}

// clangd turns a note's fix-it into a quick fix titled with the note's
// text, preferred when it is the only one; for an async-* finding it says
// that it may change meaning and is not preferred. The finding's own
// fix-its keep clangd's titles, and other checks' fixes are left alone.
TEST_F(SessionTest, AsyncNoteFixesAreLabelled) {
  ASSERT_TRUE(S.fromClient(
      message("textDocument/codeAction", llvm::json::Object{}, 9)));
  auto Action = [](llvm::StringRef Code, llvm::StringRef Title) {
    return llvm::json::Object{
        {"title", Title},
        {"isPreferred", true},
        {"diagnostics",
         llvm::json::Array{llvm::json::Object{
             {"code", Code}, {"message", "Debug finding (fix available)"}}}}};
  };
  std::string Answer;
  llvm::raw_string_ostream(Answer) << llvm::json::Value(llvm::json::Object{
      {"jsonrpc", "2.0"},
      {"id", 9},
      {"result", llvm::json::Array{Action("async-x", "insert 'co_await '"),
                                   Action("async-x", "debug finding"),
                                   Action("async-x", "an alternative"),
                                   Action("bugprone-x", "an alternative")}}});
  std::optional<std::string> Out = S.fromServer(Answer);
  ASSERT_TRUE(Out);
  llvm::json::Object Msg = parsed(*Out);
  std::vector<std::string> Titles;
  for (const llvm::json::Value &A : *Msg.getArray("result"))
    Titles.push_back(
        (*A.getAsObject()->getString("title") +
         (*A.getAsObject()->getBoolean("isPreferred") ? " [preferred]" : ""))
            .str());
  EXPECT_EQ(Titles,
            (std::vector<std::string>{"insert 'co_await ' [preferred]",
                                      "debug finding [preferred]",
                                      "an alternative (may change meaning)",
                                      "an alternative [preferred]"}));
}
