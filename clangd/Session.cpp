//===--- Session.cpp - asynclint-clangd -----------------------------------===//

#include "Session.h"
#include "JsonText.h"
#include "llvm/Support/Error.h"

namespace json = llvm::json;

namespace asynclint {
namespace {

std::string notification(llvm::StringRef Method, json::Value Params) {
  return text(json::Object{
      {"jsonrpc", "2.0"}, {"method", Method}, {"params", std::move(Params)}});
}

std::optional<llvm::StringRef> uriOf(const json::Object &Msg) {
  const json::Object *Params = Msg.getObject("params");
  const json::Object *TD = Params ? Params->getObject("textDocument") : nullptr;
  return TD ? TD->getString("uri") : std::nullopt;
}

} // namespace

std::optional<std::string> Session::fromClient(const std::string &Body) {
  llvm::Expected<json::Value> Parsed = json::parse(Body);
  if (!Parsed) {
    Log("dropped a message from the client that is not JSON: " +
        llvm::toString(Parsed.takeError()));
    return std::nullopt;
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
    return std::nullopt;
  }
  if (!Method) // an answer to one of clangd's requests
    return Body;
  if (const json::Value *Id = Msg->get("id"))
    Pending.emplace(text(*Id), Request{*Id, Method->str()});
  std::optional<std::string> Out = onClientMethod(*Method, *Msg);
  if (!Out)
    if (const json::Value *Id = Msg->get("id"))
      Pending.erase(text(*Id));
  return Out;
}

std::optional<std::string> Session::onClientMethod(llvm::StringRef Method,
                                                   json::Object &Msg) {
  json::Object *Params = Msg.getObject("params");
  if (Method == "initialize" && Params) {
    Initialize = *Params;
    if (const json::Value *Id = Msg.get("id"))
      InitializeId = text(*Id);
  } else if (Method == "initialized") {
    Initialized = true;
  } else if (Method == "exit") {
    ExitRequested = true;
  } else if (Method == "workspace/didChangeConfiguration" && Params) {
    Configuration = json::Value(json::Object(*Params));
  } else if (Method == "textDocument/didOpen" && Params) {
    const json::Object *TD = Params->getObject("textDocument");
    std::optional<llvm::StringRef> URI = uriOf(Msg);
    std::optional<llvm::StringRef> Text = TD ? TD->getString("text") : "";
    if (URI && Text) {
      Document &D = Docs[URI->str()];
      D = Document();
      D.LanguageId = TD->getString("languageId").value_or("cpp").str();
      if (const json::Value *V = TD->get("version"))
        D.Version = *V;
      D.Text = Text->str();
    }
  } else if (Method == "textDocument/didChange") {
    return onDidChange(Msg);
  } else if (Method == "textDocument/didClose") {
    if (std::optional<llvm::StringRef> URI = uriOf(Msg))
      Docs.erase(URI->str());
  }
  return text(json::Value(std::move(Msg)));
}

// Keeps the document's text; when a change does not apply, clangd (which
// would drop the document itself) is told to close it, and it is opened
// again by the first change that gives the whole text.
std::optional<std::string> Session::onDidChange(json::Object &Msg) {
  std::optional<llvm::StringRef> URI = uriOf(Msg);
  auto It = URI ? Docs.find(URI->str()) : Docs.end();
  const json::Object *Params = Msg.getObject("params");
  const json::Array *Changes =
      Params ? Params->getArray("contentChanges") : nullptr;
  if (It == Docs.end() || !Changes)
    return text(json::Value(std::move(Msg)));
  Document &D = It->second;
  bool WasLost = D.Lost;
  for (const json::Value &V : *Changes) {
    const json::Object *Change = V.getAsObject();
    std::optional<lsp::TextChange> C =
        Change ? lsp::applyChange(D.Text, *Change, Encoding) : std::nullopt;
    if (!C) {
      if (!D.Lost)
        Log("cannot apply a change to " + It->first +
            "; closed in clangd until its whole text is sent again");
      D.Lost = true;
    } else if (C->WholeDocument) {
      D.Lost = false;
    }
  }
  if (const json::Object *TD = Params->getObject("textDocument"))
    if (const json::Value *Version = TD->get("version"))
      D.Version = *Version;
  json::Object TD{{"uri", It->first}};
  if (!WasLost && D.Lost)
    return notification("textDocument/didClose",
                        json::Object{{"textDocument", std::move(TD)}});
  if (D.Lost)
    return std::nullopt;
  if (!WasLost)
    return text(json::Value(std::move(Msg)));
  TD["languageId"] = D.LanguageId;
  TD["version"] = D.Version;
  TD["text"] = D.Text;
  return notification("textDocument/didOpen",
                      json::Object{{"textDocument", std::move(TD)}});
}

std::optional<std::string> Session::fromServer(const std::string &Body) {
  llvm::Expected<json::Value> Parsed = json::parse(Body);
  if (!Parsed) {
    llvm::consumeError(Parsed.takeError());
    return Body;
  }
  json::Object *Msg = Parsed->getAsObject();
  if (!Msg)
    return Body;
  const json::Value *Id = Msg->get("id");
  if (Id && !Msg->get("method")) { // an answer to a request
    std::string Key = text(*Id);
    if (ReplayIds.erase(Key))
      return std::nullopt;
    auto It = Pending.find(Key);
    if (It == Pending.end())
      return Body;
    std::string Method = std::move(It->second.Method);
    Pending.erase(It);
    if (Key == InitializeId)
      if (const json::Object *Result = Msg->getObject("result"))
        onInitializeResult(*Result);
    json::Array *Actions = Msg->getArray("result");
    if (Method == "textDocument/codeAction" && Actions &&
        labelNoteFixes(*Actions))
      return text(json::Value(std::move(*Msg)));
    return Body;
  }
  json::Object *Params = Msg->getObject("params");
  if (Params &&
      Msg->getString("method") ==
          std::optional<llvm::StringRef>("textDocument/publishDiagnostics") &&
      linkDocs(*Params))
    return text(json::Value(std::move(*Msg)));
  return Body;
}

void Session::onInitializeResult(const json::Object &Result) {
  std::optional<llvm::StringRef> Name = Result.getString("offsetEncoding");
  if (const json::Object *Caps = Result.getObject("capabilities"))
    if (std::optional<llvm::StringRef> N = Caps->getString("positionEncoding"))
      Name = N;
  if (Name)
    if (std::optional<lsp::Encoding> E = lsp::parseEncoding(*Name))
      Encoding = *E;
}

// The async-* checks' pages are asynclint's, not clang.llvm.org's.
bool Session::linkDocs(json::Object &Params) {
  json::Array *Diags = Params.getArray("diagnostics");
  if (DocsUrl.empty() || !Diags)
    return false;
  bool Changed = false;
  for (json::Value &V : *Diags) {
    json::Object *D = V.getAsObject();
    std::optional<llvm::StringRef> Code = D ? D->getString("code") : "";
    if (!Code || !Code->starts_with("async-"))
      continue;
    (*D)["codeDescription"] =
        json::Object{{"href", DocsUrl + Code->str() + ".md"}};
    Changed = true;
  }
  return Changed;
}

namespace {

// Whether \p Title is one clangd gives a fix-it of the finding itself: a
// single edit described ("insert 'x'", "change 'a' to 'b'", "remove 'x'"),
// or the finding's message. A note's fix-it has the note's text instead.
bool isFindingsOwnFix(llvm::StringRef Title, llvm::StringRef Message) {
  if (Title.starts_with("insert '") || Title.starts_with("change '") ||
      Title.starts_with("remove '"))
    return true;
  Message = Message.split('\n').first;
  Message.consume_back(" (fix available)");
  return Title.equals_insensitive(Message);
}

} // namespace

bool Session::labelNoteFixes(json::Array &Actions) {
  bool Changed = false;
  for (json::Value &V : Actions) {
    json::Object *A = V.getAsObject();
    json::Array *Diags = A ? A->getArray("diagnostics") : nullptr;
    json::Object *D =
        Diags && !Diags->empty() ? Diags->front().getAsObject() : nullptr;
    std::optional<llvm::StringRef> Title = A ? A->getString("title") : "";
    if (!D || !Title ||
        !D->getString("code").value_or("").starts_with("async-") ||
        isFindingsOwnFix(*Title, D->getString("message").value_or("")))
      continue;
    (*A)["title"] = Title->str() + " (may change meaning)";
    (*A)["isPreferred"] = false;
    Changed = true;
  }
  return Changed;
}

std::vector<std::string> Session::takeUnanswered() {
  std::vector<std::string> Out;
  Out.reserve(Pending.size());
  for (auto &[Key, R] : Pending)
    Out.push_back(text(json::Object{
        {"jsonrpc", "2.0"},
        {"id", std::move(R.Id)},
        {"error", json::Object{{"code", -32801}, // ContentModified
                               {"message", "clangd restarted after a crash; "
                                           "ask again"}}}}));
  Pending.clear();
  return Out;
}

std::vector<std::string> Session::replay() {
  std::vector<std::string> Out;
  if (!Initialize)
    return Out;
  std::string Id = "asynclint-replay-" + std::to_string(++Replays);
  ReplayIds.insert(text(json::Value(Id)));
  Out.push_back(text(json::Object{{"jsonrpc", "2.0"},
                                  {"id", Id},
                                  {"method", "initialize"},
                                  {"params", json::Object(*Initialize)}}));
  if (Initialized)
    Out.push_back(notification("initialized", json::Object{}));
  if (Configuration)
    Out.push_back(
        notification("workspace/didChangeConfiguration", *Configuration));
  for (const auto &[URI, D] : Docs) {
    if (D.Lost)
      continue;
    Out.push_back(notification(
        "textDocument/didOpen",
        json::Object{{"textDocument", json::Object{{"uri", URI},
                                                   {"languageId", D.LanguageId},
                                                   {"version", D.Version},
                                                   {"text", D.Text}}}}));
  }
  return Out;
}

} // namespace asynclint
