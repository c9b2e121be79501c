//===--- ClangdProxy.h - asynclint-clangd -----------------------*- C++ -*-===//
//
// The message logic of asynclint-clangd, between an editor (the client) and
// clangd (the server). Every message is relayed unchanged except:
//  - textDocument/publishDiagnostics from clangd gets asynclint's findings
//    for that document appended;
//  - clangd's answer to textDocument/codeAction gets asynclint's fix-its
//    appended as quick fixes.
// Documents are tracked from didOpen/didChange/didClose; each change
// schedules an analysis of the buffer (debounced) on a worker thread. A
// result for a version that has since changed is dropped; findings of the
// last analysis move with later edits (and disappear where an edit touches
// them) until the next analysis replaces them.
//
// Nothing here does I/O: the caller feeds whole message bodies in and gets
// them out through the two Send callbacks, which must be safe to call from
// any thread.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CLANGD_CLANGDPROXY_H
#define ASYNCLINT_CLANGD_CLANGDPROXY_H

#include "BufferAnalysis.h"
#include "LspText.h"
#include "llvm/Support/JSON.h"
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace asynclint {

class ClangdProxy {
public:
  using Send = std::function<void(const std::string &Body)>;
  using Analyzer = std::function<std::vector<BufferFinding>(
      const std::string &Path, const std::string &Text)>;
  using Logger = std::function<void(const std::string &Line)>;

  struct Options {
    std::chrono::milliseconds Debounce{100};
    /// Prefix of the check documentation links (check name and ".md" are
    /// appended).
    std::string DocsUrl;
    /// Called with initializationOptions.compilationDatabasePath.
    std::function<void(const std::string &)> OnCompilationDatabasePath;
  };

  ClangdProxy(Options Opts, Send ToClient, Send ToServer, Analyzer Analyze,
              Logger Log);
  ~ClangdProxy();
  ClangdProxy(const ClangdProxy &) = delete;
  ClangdProxy &operator=(const ClangdProxy &) = delete;

  /// A message from the editor. Malformed JSON is logged and dropped.
  void fromClient(const std::string &Body);
  /// A message from clangd.
  void fromServer(const std::string &Body);

private:
  struct Tracked {
    /// Notes and fix-its in this document have their offsets moved along
    /// with edits, as Begin and End do.
    BufferFinding Finding;
    size_t Begin = 0, End = 0; // in the document's current text
  };
  struct Document {
    std::string URI;
    std::string Path;
    std::string Text;
    uint64_t Generation = 0; // new (proxy-wide) for every open and change
    bool Wanted = false;     // an analysis is due
    bool Desynced = false;   // a change could not be applied
    std::chrono::steady_clock::time_point ChangedAt;
    std::vector<Tracked> Ours;
    llvm::json::Array Clangd;
    std::string LastPublished;
  };
  struct PendingAction {
    std::string URI;
    llvm::json::Value Range = nullptr;
    bool WantsQuickFix = true;
  };

  void onDidOpen(const llvm::json::Object &Params);
  void onDidChange(const llvm::json::Object &Params);
  void onPublishDiagnostics(llvm::json::Object &Params);
  bool addCodeActions(const PendingAction &Request, llvm::json::Value &Result);
  void track(Document &D, std::vector<BufferFinding> Findings);
  llvm::json::Value diagnostic(const Document &D, const Tracked &T) const;
  llvm::json::Array merged(const Document &D) const;
  void publishOurs(Document &D);
  /// Handles a response from clangd to a request the proxy tracks; true
  /// when the (changed) response was queued for the client.
  bool answerFromServer(llvm::json::Object &Msg, const std::string &Key);
  /// Queues a message for the client; the caller holds Mutex.
  void post(std::string Body);
  /// Sends the queued messages in order; the caller must not hold Mutex.
  void flush();
  /// post() and flush().
  void sendToClient(std::string Body);
  void work();

  Options Opts;
  Send ToClient, ToServer;
  Analyzer Analyze;
  Logger Log;

  std::mutex Mutex;
  std::mutex SendMutex;           // held while writing to the client
  std::deque<std::string> Outbox; // under Mutex; written in this order

  std::condition_variable Wake;
  bool Stopping = false;
  std::map<std::string, Document> Docs;
  std::map<std::string, PendingAction> PendingActions; // by request id
  uint64_t LastGeneration = 0;
  std::string InitializeId;
  lsp::Encoding Enc = lsp::Encoding::UTF16;
  bool CodeActionLiterals = false;
  bool RelatedInformation = false;
  std::thread Worker;
};

} // namespace asynclint

#endif // ASYNCLINT_CLANGD_CLANGDPROXY_H
