// placeholder until the sessions land; delete then
namespace { [[maybe_unused]] int placeholder = 0; }
