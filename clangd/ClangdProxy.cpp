//===--- ClangdProxy.cpp - asynclint-clangd -------------------------------===//

#include "ClangdProxy.h"
#include "JsonText.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace asynclint {

namespace json = llvm::json;
using Clock = std::chrono::steady_clock;

namespace {

bool isIdentifierChar(char C) { return llvm::isAlnum(C) || C == '_'; }

// \p Path with symlinks resolved; for a file not yet on disk, its
// directory's.
std::string realPath(const std::string &Path) {
  llvm::SmallString<256> Real;
  if (!llvm::sys::fs::real_path(Path, Real))
    return std::string(Real);
  if (!llvm::sys::fs::real_path(llvm::sys::path::parent_path(Path), Real)) {
    llvm::sys::path::append(Real, llvm::sys::path::filename(Path));
    return std::string(Real);
  }
  return Path;
}

// Moves [Begin, End) over a change of the text; false if the change touches
// the range (it then no longer says what it did).
bool shift(size_t &Begin, size_t &End, const lsp::TextChange &C) {
  if (C.WholeDocument)
    return false;
  if (Begin >= C.End) {
    Begin = Begin - C.End + C.Begin + C.NewLength;
    End = End - C.End + C.Begin + C.NewLength;
    return true;
  }
  return End <= C.Begin;
}

bool shiftFinding(BufferFinding &F, size_t &Begin, size_t &End,
                  const std::string &Path, const lsp::TextChange &C) {
  if (!shift(Begin, End, C))
    return false;
  for (BufferFinding::Note &N : F.Notes) {
    size_t B = N.Offset;
    size_t E = N.Offset;
    if (N.Path == Path && shift(B, E, C))
      N.Offset = B;
  }
  // A fix-it whose text the change touched is no longer offered.
  std::erase_if(F.Fixes, [&](BufferFinding::Fix &Fix) {
    for (BufferEdit &Edit : Fix.Edits) {
      if (Edit.Path != Path)
        continue;
      size_t B = Edit.Offset;
      size_t E = Edit.Offset + Edit.Length;
      if (!shift(B, E, C))
        return true;
      Edit.Offset = B;
    }
    return false;
  });
  return true;
}

} // namespace

ClangdProxy::ClangdProxy(Options Opts, Send ToClient, Send ToServer,
                         Analyzer Analyze, Logger Log)
    : Opts(std::move(Opts)), ToClient(std::move(ToClient)),
      ToServer(std::move(ToServer)), Analyze(std::move(Analyze)),
      Log(std::move(Log)), Worker([this] { work(); }) {}

ClangdProxy::~ClangdProxy() {
  {
    std::scoped_lock Lock(Mutex);
    Stopping = true;
  }
  Wake.notify_all();
  Worker.join();
}

void ClangdProxy::fromClient(const std::string &Body) {
  llvm::Expected<json::Value> Parsed = json::parse(Body);
  if (!Parsed) {
    Log("dropped a message from the client that is not JSON: " +
        llvm::toString(Parsed.takeError()));
    return;
  }
  // clangd stops at the first message that is not JSON-RPC 2.0; an editor's
  // mistake must not take it down.
  json::Object *Msg = Parsed->getAsObject();
  std::optional<llvm::StringRef> Method =
      Msg ? Msg->getString("method") : std::nullopt;
  if (!Msg ||
      Msg->getString("jsonrpc") != std::optional<llvm::StringRef>("2.0") ||
      (!Method && !Msg->get("id"))) {
    Log("dropped a message from the client that is not JSON-RPC 2.0");
    return;
  }
  json::Object *Params = Msg->getObject("params");
  if (Method && Params) {
    if (*Method == "initialize") {
      std::scoped_lock Lock(Mutex);
      if (const json::Value *Id = Msg->get("id"))
        InitializeId = text(*Id);
      if (const json::Object *Caps = Params->getObject("capabilities"))
        if (const json::Object *TD = Caps->getObject("textDocument")) {
          if (const json::Object *CA = TD->getObject("codeAction"))
            CodeActionLiterals = CA->getObject("codeActionLiteralSupport");
          if (const json::Object *PD = TD->getObject("publishDiagnostics"))
            RelatedInformation =
                PD->getBoolean("relatedInformation").value_or(false);
        }
      if (const json::Object *Init = Params->getObject("initializationOptions"))
        if (auto P = Init->getString("compilationDatabasePath"))
          if (Opts.OnCompilationDatabasePath)
            Opts.OnCompilationDatabasePath(P->str());
    } else if (*Method == "textDocument/didOpen") {
      onDidOpen(*Params);
    } else if (*Method == "textDocument/didChange") {
      onDidChange(*Params);
    } else if (*Method == "textDocument/didClose") {
      if (const json::Object *TD = Params->getObject("textDocument"))
        if (auto URI = TD->getString("uri")) {
          std::scoped_lock Lock(Mutex);
          Docs.erase(URI->str());
        }
    } else if (*Method == "textDocument/codeAction") {
      const json::Value *Id = Msg->get("id");
      const json::Object *TD = Params->getObject("textDocument");
      std::optional<llvm::StringRef> URI =
          TD ? TD->getString("uri") : std::nullopt;
      if (Id && URI) {
        PendingAction P;
        P.URI = URI->str();
        if (const json::Value *R = Params->get("range"))
          P.Range = *R;
        if (const json::Object *Ctx = Params->getObject("context"))
          if (const json::Array *Only = Ctx->getArray("only")) {
            P.WantsQuickFix = false;
            for (const json::Value &K : *Only)
              if (auto S = K.getAsString())
                P.WantsQuickFix |= llvm::StringRef("quickfix").starts_with(*S);
          }
        std::scoped_lock Lock(Mutex);
        PendingActions[text(*Id)] = std::move(P);
      }
    }
  }
  ToServer(Body);
}

void ClangdProxy::onDidOpen(const json::Object &Params) {
  const json::Object *TD = Params.getObject("textDocument");
  if (!TD)
    return;
  std::optional<llvm::StringRef> URI = TD->getString("uri");
  std::optional<llvm::StringRef> Text = TD->getString("text");
  std::optional<llvm::StringRef> Lang = TD->getString("languageId");
  if (!URI || !Text)
    return;
  std::optional<std::string> Path = lsp::uriToPath(*URI);
  if (!Path)
    return;
  // Languages clangd serves; a client that sends none is trusted.
  if (Lang && !Lang->empty() &&
      !llvm::is_contained({"c", "cpp", "objective-c", "objective-cpp", "cuda"},
                          *Lang))
    return;
  {
    std::scoped_lock Lock(Mutex);
    Document &D = Docs[URI->str()];
    D = Document();
    D.URI = URI->str();
    // Analysis and results use the real path, which is what compilation
    // databases spell; publications use the editor's URI.
    D.Path = realPath(*Path);
    D.Text = Text->str();
    // Proxy-wide, so that a document closed and reopened during an analysis
    // cannot take the old document's result.
    D.Generation = ++LastGeneration;
    D.Wanted = true;
    D.ChangedAt = Clock::now();
  }
  Wake.notify_all();
}

void ClangdProxy::onDidChange(const json::Object &Params) {
  const json::Object *TD = Params.getObject("textDocument");
  const json::Array *Changes = Params.getArray("contentChanges");
  std::optional<llvm::StringRef> URI = TD ? TD->getString("uri") : std::nullopt;
  if (!URI || !Changes)
    return;
  {
    std::scoped_lock Lock(Mutex);
    auto It = Docs.find(URI->str());
    if (It == Docs.end())
      return;
    Document &D = It->second;
    for (const json::Value &V : *Changes) {
      const json::Object *Change = V.getAsObject();
      std::optional<lsp::TextChange> C =
          Change ? lsp::applyChange(D.Text, *Change, Enc) : std::nullopt;
      if (!C) {
        if (!D.Desynced)
          Log("cannot apply a change to " + D.URI +
              "; not analysing it until its whole text is sent again");
        D.Desynced = true;
        D.Ours.clear();
        continue;
      }
      if (C->WholeDocument)
        D.Desynced = false;
      std::erase_if(D.Ours, [&](Tracked &T) {
        return !shiftFinding(T.Finding, T.Begin, T.End, D.Path, *C);
      });
    }
    D.Generation = ++LastGeneration;
    D.Wanted = !D.Desynced;
    D.ChangedAt = Clock::now();
  }
  Wake.notify_all();
}

void ClangdProxy::fromServer(const std::string &Body) {
  llvm::Expected<json::Value> Parsed = json::parse(Body);
  if (!Parsed) {
    llvm::consumeError(Parsed.takeError());
    sendToClient(Body);
    return;
  }
  json::Object *Msg = Parsed->getAsObject();
  if (!Msg) {
    sendToClient(Body);
    return;
  }
  std::optional<llvm::StringRef> Method = Msg->getString("method");
  if (Method && *Method == "textDocument/publishDiagnostics") {
    if (json::Object *Params = Msg->getObject("params")) {
      {
        std::scoped_lock Lock(Mutex);
        onPublishDiagnostics(*Params);
        // Queued under the lock, so that it cannot overtake, or be
        // overtaken by, a publication of a newer analysis.
        post(text(std::move(*Msg)));
      }
      flush();
      return;
    }
  }
  const json::Value *Id = Msg->get("id");
  if (!Method && Id && answerFromServer(*Msg, text(*Id))) {
    flush();
    return;
  }
  sendToClient(Body);
}

bool ClangdProxy::answerFromServer(json::Object &Msg, const std::string &Key) {
  std::scoped_lock Lock(Mutex);
  if (Key == InitializeId) {
    InitializeId.clear();
    if (const json::Object *Result = Msg.getObject("result")) {
      std::optional<llvm::StringRef> Name = Result->getString("offsetEncoding");
      if (const json::Object *Caps = Result->getObject("capabilities"))
        if (auto P = Caps->getString("positionEncoding"))
          Name = P;
      if (Name)
        Enc = lsp::parseEncoding(*Name).value_or(lsp::Encoding::UTF16);
    }
  } else if (auto It = PendingActions.find(Key); It != PendingActions.end()) {
    PendingAction P = std::move(It->second);
    PendingActions.erase(It);
    if (json::Value *Result = Msg.get("result"))
      if (addCodeActions(P, *Result)) {
        post(text(std::move(Msg)));
        return true;
      }
  }
  return false;
}

void ClangdProxy::post(std::string Body) { Outbox.push_back(std::move(Body)); }

void ClangdProxy::flush() {
  // One sender at a time, in the order of the queue; the state lock is
  // taken only to pop, never while writing.
  std::scoped_lock Sending(SendMutex);
  for (;;) {
    std::string Body;
    {
      std::scoped_lock Lock(Mutex);
      if (Outbox.empty())
        return;
      Body = std::move(Outbox.front());
      Outbox.pop_front();
    }
    ToClient(Body);
  }
}

void ClangdProxy::sendToClient(std::string Body) {
  {
    std::scoped_lock Lock(Mutex);
    post(std::move(Body));
  }
  flush();
}

void ClangdProxy::track(Document &D, std::vector<BufferFinding> Findings) {
  D.Ours.clear();
  for (BufferFinding &F : Findings) {
    Tracked T;
    T.Begin = std::min(F.Offset, D.Text.size());
    T.End = T.Begin + F.Length;
    if (F.Length == 0) {
      // The token at the location, as clangd marks its own diagnostics.
      while (T.End < D.Text.size() && isIdentifierChar(D.Text[T.End]))
        ++T.End;
      if (T.End == T.Begin && T.End < D.Text.size() && D.Text[T.End] != '\n')
        ++T.End;
    }
    T.End = std::min(T.End, D.Text.size());
    T.Finding = std::move(F);
    D.Ours.push_back(std::move(T));
  }
}

void ClangdProxy::work() {
  std::unique_lock Lock(Mutex);
  while (!Stopping) {
    // The document whose debounce ends first.
    Document *Next = nullptr;
    for (auto &[URI, D] : Docs)
      if (D.Wanted && (!Next || D.ChangedAt < Next->ChangedAt))
        Next = &D;
    if (!Next) {
      Wake.wait(Lock);
      continue;
    }
    Clock::time_point Due = Next->ChangedAt + Opts.Debounce;
    if (Clock::now() < Due) {
      Wake.wait_until(Lock, Due);
      continue;
    }
    Next->Wanted = false;
    std::string URI = Next->URI;
    std::string Path = Next->Path;
    std::string Text = Next->Text;
    uint64_t Generation = Next->Generation;
    Lock.unlock();
    Log("analysing " + Path);
    Clock::time_point Start = Clock::now();
    std::vector<BufferFinding> Findings = Analyze(Path, Text);
    auto Ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  Clock::now() - Start)
                  .count();
    Lock.lock();
    auto It = Docs.find(URI);
    if (It == Docs.end() || It->second.Generation != Generation) {
      Log("dropped the result for an older version of " + Path + " (" +
          std::to_string(Ms) + " ms)");
      continue;
    }
    Log("analysed " + Path + " in " + std::to_string(Ms) +
        " ms: " + std::to_string(Findings.size()) + " findings");
    track(It->second, std::move(Findings));
    publishOurs(It->second);
    Lock.unlock();
    flush();
    Lock.lock();
  }
}

} // namespace asynclint
