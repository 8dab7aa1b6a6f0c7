#pragma once

#include <QThread>
#include <algorithm>
#include <thread>
#include <vector>

// Runs fn(i) for every i in [0, n) on up to QThread::idealThreadCount() threads (the calling
// thread takes one share), inline when n is small. For CPU-bound, independent, thread-safe
// work such as phone normalisation (~15 µs a number in libphonenumber), which otherwise
// dominates a 5,000-contact import or a 1,000-recipient send. fn must not throw.
template<typename Fn>
void parallelFor(int n, Fn fn, int minPerThread = 256)
{
    const int threads = std::min(std::max(1, QThread::idealThreadCount()),
                                 std::max(1, n / std::max(1, minPerThread)));
    if (threads <= 1) {
        for (int i = 0; i < n; ++i)
            fn(i);
        return;
    }
    const int chunk = (n + threads - 1) / threads;
    std::vector<std::thread> workers;
    workers.reserve(threads - 1);
    for (int t = 1; t < threads; ++t) {
        const int begin = t * chunk;
        const int end = std::min(n, begin + chunk);
        workers.emplace_back([begin, end, &fn] {
            for (int i = begin; i < end; ++i)
                fn(i);
        });
    }
    for (int i = 0; i < std::min(n, chunk); ++i)
        fn(i);
    for (std::thread &w : workers)
        w.join();
}
