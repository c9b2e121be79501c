//===--- Config.cpp - asynclint driver ------------------------------------===//

#include "Config.h"
#include "clang-tidy/ClangTidy.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <set>

using namespace clang::tidy;

namespace asynclint {
namespace {

// Every term of a Checks string that names no known check.
// The names in \p Checks that name no check, each with whether the term
// removes it (`-google-runtime-references`, a check of an older
// clang-tidy: harmless, since what does not exist does not run).
std::vector<std::pair<std::string, bool>>
unknownChecks(llvm::StringRef Checks, const llvm::StringSet<> &Known) {
  std::vector<std::pair<std::string, bool>> Unknown;
  llvm::SmallVector<llvm::StringRef, 8> Terms;
  Checks.split(Terms, ',', -1, false);
  for (llvm::StringRef T : Terms) {
    T = T.trim();
    bool Removed = T.starts_with("-");
    T = T.ltrim('-').trim();
    if (T.empty() || T.contains('*') || T.starts_with("clang-diagnostic-"))
      continue;
    if (!Known.contains(T))
      Unknown.emplace_back(T.str(), Removed);
  }
  return Unknown;
}

llvm::StringSet<> knownChecks() {
  llvm::StringSet<> Known;
  ClangTidyOptions Everything = ClangTidyOptions::getDefaults();
  Everything.Checks = "*";
  for (const std::string &Name : getCheckNames(Everything, false, false))
    Known.insert(Name);
  return Known;
}

} // namespace

std::optional<int> ConfigSource::init(const Settings &S) {
  Defaults = ClangTidyOptions::getDefaults();
  Defaults.Checks = "-*,async-*";
  if (S.Checks)
    Overrides.Checks = *S.Checks;
  std::optional<std::string> Text = S.Config;
  std::string Source = "--config";
  if (S.ConfigFile) {
    auto Buf = llvm::MemoryBuffer::getFile(*S.ConfigFile);
    if (!Buf)
      return usageError("cannot read --config-file '" + *S.ConfigFile +
                        "': " + Buf.getError().message());
    Text = (*Buf)->getBuffer().str();
    Source = *S.ConfigFile;
  }
  if (Text) {
    llvm::ErrorOr<ClangTidyOptions> Parsed =
        parseConfiguration(llvm::MemoryBufferRef(*Text, Source));
    if (!Parsed)
      return usageError("invalid configuration in " + Source + ": " +
                        Parsed.getError().message());
    Config = *Parsed;
  }
  return std::nullopt;
}

std::unique_ptr<ClangTidyOptionsProvider>
ConfigSource::make(const std::string &WorkingDir) const {
  if (Config)
    return std::make_unique<ConfigOptionsProvider>(
        ClangTidyGlobalOptions(), Defaults, *Config, Overrides);
  // A file system of its own, so that its working directory is this
  // provider's alone.
  std::unique_ptr<llvm::vfs::FileSystem> FS =
      llvm::vfs::createPhysicalFileSystem();
  if (!WorkingDir.empty()) {
    std::error_code EC = FS->setCurrentWorkingDirectory(WorkingDir);
    (void)EC; // a missing directory fails the unit's parse, reported there
  }
  return std::make_unique<FileOptionsProvider>(
      ClangTidyGlobalOptions(), Defaults, Overrides,
      llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>(FS.release()));
}

std::optional<int> validateChecks(const ConfigSource &Config,
                                  const std::vector<std::string> &Files) {
  llvm::StringSet<> Known = knownChecks();
  std::set<std::string> Reported;
  bool Enabled = false; // an unknown check is asked for, not only removed
  std::unique_ptr<ClangTidyOptionsProvider> Provider = Config.make();
  for (const std::string &File : Files) {
    ClangTidyOptions O = Provider->getOptions(File);
    for (const auto &[U, Removed] :
         unknownChecks(O.Checks.value_or(""), Known)) {
      Enabled = Enabled || !Removed;
      if (Reported.insert(U).second)
        llvm::errs() << "asynclint: " << (Removed ? "warning" : "error")
                     << ": unknown check '" << U << "'"
                     << (Removed ? " removed in the configuration; ignored"
                                 : " (see 'asynclint --list-checks')")
                     << "\n";
    }
  }
  if (Enabled)
    return ExitUsage;
  return std::nullopt;
}

} // namespace asynclint
