//===--- AnalysisProcess.cpp - asynclint-clangd ---------------------------===//

#include "AnalysisProcess.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/PrettyStackTrace.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"
#include <array>
#include <cstdlib>
#include <optional>

namespace json = llvm::json;

namespace asynclint {

// Found by llvm::json through argument-dependent lookup, hence not in the
// anonymous namespace.
bool fromJSON(const json::Value &V, BufferEdit &E, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("path", E.Path) && O.map("offset", E.Offset) &&
         O.map("length", E.Length) && O.map("text", E.Text);
}

bool fromJSON(const json::Value &V, BufferFinding::Note &N, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("path", N.Path) && O.map("offset", N.Offset) &&
         O.map("message", N.Message);
}

bool fromJSON(const json::Value &V, BufferFinding::Fix &F, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("title", F.Title) && O.map("edits", F.Edits) &&
         O.map("unsafe", F.Unsafe);
}

bool fromJSON(const json::Value &V, BufferFinding &F, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("check", F.Check) && O.map("message", F.Message) &&
         O.map("error", F.IsError) && O.map("offset", F.Offset) &&
         O.map("length", F.Length) && O.map("notes", F.Notes) &&
         O.map("fixes", F.Fixes);
}

namespace {

json::Value encode(const std::vector<BufferFinding> &Findings) {
  json::Array All;
  for (const BufferFinding &F : Findings) {
    json::Array Notes;
    json::Array Fixes;
    for (const BufferFinding::Note &N : F.Notes)
      Notes.push_back(json::Object{
          {"path", N.Path}, {"offset", N.Offset}, {"message", N.Message}});
    for (const BufferFinding::Fix &X : F.Fixes) {
      json::Array Edits;
      for (const BufferEdit &E : X.Edits)
        Edits.push_back(json::Object{{"path", E.Path},
                                     {"offset", E.Offset},
                                     {"length", E.Length},
                                     {"text", E.Text}});
      Fixes.push_back(json::Object{{"title", X.Title},
                                   {"edits", std::move(Edits)},
                                   {"unsafe", X.Unsafe}});
    }
    All.push_back(json::Object{{"check", F.Check},
                               {"message", F.Message},
                               {"error", F.IsError},
                               {"offset", F.Offset},
                               {"length", F.Length},
                               {"notes", std::move(Notes)},
                               {"fixes", std::move(Fixes)}});
  }
  return All;
}

// A temporary file that removes itself.
struct TempFile {
  llvm::SmallString<128> Path;
  explicit TempFile(const char *Suffix) {
    if (llvm::sys::fs::createTemporaryFile("asynclint-clangd", Suffix, Path))
      Path.clear();
  }
  ~TempFile() {
    if (!Path.empty()) {
      std::error_code EC = llvm::sys::fs::remove(Path);
      (void)EC; // a stray temporary file, nothing worse
    }
  }
  std::string read() const {
    auto Buf = llvm::MemoryBuffer::getFile(Path);
    return Buf ? (*Buf)->getBuffer().str() : std::string();
  }
};

} // namespace

AnalysisOutcome analyzeInChild(const std::string &Self, const std::string &Path,
                               const std::string &Text,
                               const std::string &CompileCommandsDir,
                               unsigned TimeoutSeconds) {
  AnalysisOutcome Out;
  TempFile In(".cpp");
  TempFile Result(".json");
  TempFile Err(".log");
  std::error_code EC;
  {
    llvm::raw_fd_ostream OS(In.Path, EC);
    OS << Text;
  }
  if (In.Path.empty() || Result.Path.empty() || Err.Path.empty() || EC) {
    Out.Failure = "cannot create temporary files";
    return Out;
  }
  std::vector<llvm::StringRef> Args = {Self, AnalyzeWorkerFlag, Path};
  if (!CompileCommandsDir.empty())
    Args.emplace_back(CompileCommandsDir);
  std::array<std::optional<llvm::StringRef>, 3> Redirects = {
      llvm::StringRef(In.Path), llvm::StringRef(Result.Path),
      llvm::StringRef(Err.Path)};

  std::string Message;
  int Code = llvm::sys::ExecuteAndWait(Self, Args, std::nullopt, Redirects,
                                       TimeoutSeconds, 0, &Message);
  if (Code != 0) {
    Out.Failure =
        Message.empty() ? "exit code " + std::to_string(Code) : Message;
    std::string Log = Err.read();
    if (size_t At = Log.find("Processing '"); At != std::string::npos)
      Out.Failure += " in check '" +
                     Log.substr(At + 12, Log.find('\'', At + 12) - At - 12) +
                     "'";
    return Out;
  }
  llvm::Expected<json::Value> V = json::parse(Result.read());
  json::Path::Root Root;
  if (!V || !fromJSON(*V, Out.Findings, Root)) {
    if (!V)
      llvm::consumeError(V.takeError());
    Out.Findings.clear();
    Out.Failure = "the analysis sent an unreadable result";
  }
  return Out;
}

int analyzeWorkerMain(int Argc, char **Argv) {
  if (Argc < 3)
    return 2;
  // A crash prints which check was running (the parent logs it).
  ::setenv("LLVM_DISABLE_SYMBOLIZATION", "1", 1);
  llvm::EnablePrettyStackTrace();
  llvm::sys::PrintStackTraceOnErrorSignal(Argv[0],
                                          /*DisableCrashReporting=*/true);

  auto Text = llvm::MemoryBuffer::getSTDIN();
  if (!Text)
    return 2;
  CompileCommandFinder Commands(Argc > 3 ? Argv[3] : "");
  std::vector<BufferFinding> Findings =
      analyzeBuffer(Argv[2], (*Text)->getBuffer().str(), Commands);
  llvm::outs() << encode(Findings);
  llvm::outs().flush();
  return 0;
}

} // namespace asynclint
