// Placeholder so the gui target has a source until its first real class lands. Delete it then.
namespace {
[[maybe_unused]] int placeholder = 0;
}
