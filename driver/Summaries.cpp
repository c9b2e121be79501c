//===--- Summaries.cpp - asynclint driver ---------------------------------===//
//
// A unit's summary, as async-blocking-call writes it:
//   {"depth": 3, "functions": [{"usr": "c:@F@load#", "name": "'load'",
//     "sink": {"callee": "fread", "file": "/src/a.cpp", "offset": 120},
//     "calls": [{"usr": "...", "file": "/src/a.cpp", "offset": 98}]}]}
// The file --summaries writes: the chains, which the check reads, and the
// merged call graph they come from, in the units' own shape, which
// `asynclint merge` reads to merge the files of several shards:
//   {"version": 1, "functions": {"c:@F@load#": {"name": "'load'",
//     "notes": [{"file": ..., "offset": ..., "message": ...}]}},
//    "graph": {"depth": 3, "functions": [...]}}
//
//===----------------------------------------------------------------------===//

#include "Summaries.h"
#include "FileSystem.h"
#include "Options.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include <set>

using llvm::json::Array;
using llvm::json::Object;

namespace asynclint {

void ProjectSummaries::add(llvm::StringRef UnitSummary) {
  if (UnitSummary.empty())
    return;
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(UnitSummary);
  if (!V) {
    llvm::consumeError(V.takeError());
    return;
  }
  if (const Object *O = V->getAsObject())
    add(*O);
}

void ProjectSummaries::add(const Object &Summary, bool Prior) {
  const Object *O = &Summary;
  const Array *Functions = O->getArray("functions");
  if (!Functions)
    return;
  Depth = std::max(Depth,
                   static_cast<unsigned>(O->getInteger("depth").value_or(0)));
  auto PlaceOf = [](const Object &P) {
    return Place{P.getString("file").value_or("").str(),
                 static_cast<unsigned>(P.getInteger("offset").value_or(0))};
  };
  for (const llvm::json::Value &FV : *Functions) {
    const Object *F = FV.getAsObject();
    std::optional<llvm::StringRef> Usr = F ? F->getString("usr") : std::nullopt;
    // A function defined in several units (inline, in a header) has one
    // summary: the first.
    if (!Usr || ByUsr.contains(*Usr))
      continue;
    Function &Fn = ByUsr[Usr->str()];
    Fn.Prior = Prior;
    Fn.Name = F->getString("name").value_or("").str();
    if (const Object *Sink = F->getObject("sink"))
      Fn.Sink.emplace(Sink->getString("callee").value_or("").str(),
                      PlaceOf(*Sink));
    if (const Array *Calls = F->getArray("calls"))
      for (const llvm::json::Value &CV : *Calls)
        if (const Object *C = CV.getAsObject())
          Fn.Calls.push_back(
              {C->getString("usr").value_or("").str(), PlaceOf(*C)});
  }
}

std::optional<int> ProjectSummaries::readPrior(const Units &U,
                                               const ConfigSource &Config,
                                               std::vector<Object> &Graphs) {
  std::set<std::string> Seen;
  for (const std::string &File : U.Files) {
    std::string Dir = workingDirectory(U, File);
    clang::tidy::ClangTidyOptions Options = Config.make(Dir)->getOptions(File);
    auto It = Options.CheckOptions.find("async-blocking-call.Summaries");
    if (It == Options.CheckOptions.end() || It->second.Value.empty() ||
        !Seen.insert(It->second.Value).second)
      continue;
    const std::string &Path = It->second.Value;
    // Not written yet (the first run, which --summaries writes it with):
    // no earlier chains.
    if (!llvm::sys::fs::exists(Path))
      continue;
    auto Buf = llvm::MemoryBuffer::getFile(Path);
    if (!Buf)
      return usageError(
          "cannot read the Summaries file '" + Path +
          "' of async-blocking-call: " + Buf.getError().message());
    llvm::Expected<llvm::json::Value> V =
        llvm::json::parse((*Buf)->getBuffer());
    const Object *O = V ? V->getAsObject() : nullptr;
    const Object *Graph = O ? O->getObject("graph") : nullptr;
    if (!V)
      llvm::consumeError(V.takeError());
    if (!Graph)
      return usageError("the Summaries file '" + Path +
                        "' of async-blocking-call is not one asynclint "
                        "--summaries wrote");
    Graphs.push_back(*Graph);
  }
  return std::nullopt;
}

void ProjectSummaries::resolve() {
  for (auto &[Usr, Fn] : ByUsr)
    if (Fn.Sink)
      Fn.Hops = 0;
  // Shortest chains, one more hop per round (Bellman-Ford): linear in the
  // calls per round, and cycles end by themselves.
  for (unsigned Round = 0; Round < Depth; ++Round) {
    bool Changed = false;
    for (auto &[Usr, Fn] : ByUsr)
      for (size_t I = 0; I < Fn.Calls.size(); ++I) {
        auto Callee = ByUsr.find(Fn.Calls[I].Usr);
        if (Callee == ByUsr.end() || Callee->second.Hops == ~0U ||
            Callee->second.Hops + 1 >= Fn.Hops)
          continue;
        Fn.Hops = Callee->second.Hops + 1;
        Fn.Via = static_cast<int>(I);
        Changed = true;
      }
    if (!Changed)
      break;
  }
}

std::optional<std::vector<clang::tooling::DiagnosticMessage>>
ProjectSummaries::chainNotes(llvm::StringRef Usr) const {
  auto It = ByUsr.find(Usr);
  // The coroutine's call is one hop: the chain below it gets Depth - 1.
  if (It == ByUsr.end() || It->second.Hops == ~0U ||
      It->second.Hops + 1 > Depth)
    return std::nullopt;
  std::vector<clang::tooling::DiagnosticMessage> Notes;
  auto Note = [&](const Place &P, const std::string &Message) {
    clang::tooling::DiagnosticMessage M(Message);
    M.FilePath = P.File;
    M.FileOffset = P.Offset;
    Notes.push_back(std::move(M));
  };
  for (const Function *Fn = &It->second; Fn;) {
    if (Fn->Via < 0) {
      if (Fn->Sink) // a chain ends at a sink (Hops == 0)
        Note(Fn->Sink->second,
             Fn->Name + " calls blocking '" + Fn->Sink->first + "' here");
      break;
    }
    const Call &C = Fn->Calls[Fn->Via];
    const Function &Next = ByUsr.find(C.Usr)->second;
    Note(C.At, Fn->Name + " calls " + Next.Name + " here");
    Fn = &Next;
  }
  return Notes;
}

llvm::json::Object ProjectSummaries::graph() const {
  auto PlaceOf = [](const Place &P) {
    return Object{{"file", P.File}, {"offset", P.Offset}};
  };
  Array Functions;
  for (const auto &[Usr, Fn] : ByUsr) {
    if (Fn.Prior)
      continue;
    Object F{{"usr", Usr}, {"name", Fn.Name}};
    if (Fn.Sink) {
      Object Sink = PlaceOf(Fn.Sink->second);
      Sink["callee"] = Fn.Sink->first;
      F["sink"] = std::move(Sink);
    }
    Array Calls;
    for (const Call &C : Fn.Calls) {
      Object O = PlaceOf(C.At);
      O["usr"] = C.Usr;
      Calls.push_back(std::move(O));
    }
    F["calls"] = std::move(Calls);
    Functions.push_back(std::move(F));
  }
  return Object{{"depth", Depth}, {"functions", std::move(Functions)}};
}

std::string ProjectSummaries::text() const {
  Object Functions;
  for (const auto &[Usr, Fn] : ByUsr) {
    std::optional<std::vector<clang::tooling::DiagnosticMessage>> Notes =
        chainNotes(Usr);
    if (!Notes)
      continue;
    Array Out;
    for (const clang::tooling::DiagnosticMessage &N : *Notes)
      Out.push_back(Object{{"file", N.FilePath},
                           {"offset", N.FileOffset},
                           {"message", N.Message}});
    Functions[Usr] = Object{{"name", Fn.Name}, {"notes", std::move(Out)}};
  }
  return jsonText(Object{
      {"version", 1}, {"functions", std::move(Functions)}, {"graph", graph()}});
}

bool ProjectSummaries::write(const std::string &Path, std::string &Err) const {
  return writeAtomically(Path, text(), Err);
}

} // namespace asynclint
