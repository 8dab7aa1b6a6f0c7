// Placeholder so the api target has a source until its first real class lands. Delete it then.
namespace {
[[maybe_unused]] int placeholder = 0;
}
