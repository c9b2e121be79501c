//===--- Session.h - asynclint-clangd ---------------------------*- C++ -*-===//
//
// What the supervisor (Supervisor.h) knows of the editor's LSP session, so
// that a clangd that died can be replaced by a new one in the same state:
// the initialize request, the last configuration, the open documents with
// their current text, and the client's requests not answered yet. No I/O:
// each message goes in as text and what to send comes out.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CLANGD_SESSION_H
#define ASYNCLINT_CLANGD_SESSION_H

#include "LspText.h"
#include "llvm/Support/JSON.h"
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace asynclint {

class Session {
public:
  using LogFn = std::function<void(const std::string &)>;
  /// \p DocsUrl, when not empty, is where the async-* checks' pages are
  /// (DocsUrl + "async-x.md"): publishDiagnostics links there instead of
  /// clang.llvm.org, which has no page for them.
  Session(std::string DocsUrl, LogFn Log)
      : DocsUrl(std::move(DocsUrl)), Log(std::move(Log)) {}

  /// A message from the editor: what to send to clangd, or nullopt when it
  /// must not reach clangd (not JSON-RPC 2.0: clangd would stop; logged).
  std::optional<std::string> fromClient(const std::string &Body);
  /// A message from clangd: what to send to the editor, or nullopt (the
  /// answer to a replayed initialize). An async-* quick fix that clangd
  /// took from a note (an alternative that may change meaning) says so in
  /// its title and is never the preferred one.
  std::optional<std::string> fromServer(const std::string &Body);

  /// After clangd died: an error answer for each request it did not answer
  /// (forgotten then), for the editor.
  std::vector<std::string> takeUnanswered();
  /// The messages that bring a new clangd to the state of the session:
  /// initialize (its answer is swallowed), initialized, the configuration,
  /// a didOpen per open document.
  std::vector<std::string> replay();

  /// The editor sent `exit`: clangd's exit is the end of the session.
  bool exitRequested() const { return ExitRequested; }
  /// Documents open, for tests and logs.
  size_t openDocuments() const { return Docs.size(); }

private:
  struct Document {
    std::string LanguageId;
    llvm::json::Value Version = nullptr;
    std::string Text;
    /// A change could not be applied: clangd was told to close it, and it
    /// is opened again by the next change that gives the whole text.
    bool Lost = false;
  };

  std::optional<std::string> onClientMethod(llvm::StringRef Method,
                                            llvm::json::Object &Msg);
  std::optional<std::string> onDidChange(llvm::json::Object &Msg);
  void onInitializeResult(const llvm::json::Object &Result);
  bool linkDocs(llvm::json::Object &Params);
  static bool labelNoteFixes(llvm::json::Array &Actions);

  std::string DocsUrl;
  LogFn Log;
  std::optional<llvm::json::Object> Initialize;
  bool Initialized = false;
  std::optional<llvm::json::Value> Configuration;
  std::map<std::string, Document> Docs;
  struct Request {
    llvm::json::Value Id;
    std::string Method;
  };
  /// Client requests sent to clangd and not answered, by id as JSON text.
  std::map<std::string, Request> Pending;
  std::string InitializeId;
  /// The id of the replayed initialize whose answer is swallowed.
  std::set<std::string> ReplayIds;
  unsigned Replays = 0;
  lsp::Encoding Encoding = lsp::Encoding::UTF16;
  bool ExitRequested = false;
};

} // namespace asynclint

#endif // ASYNCLINT_CLANGD_SESSION_H
