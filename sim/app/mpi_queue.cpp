// The work queue of MPI ranks: a counter on rank 0 that every rank advances with an atomic
// MPI_Fetch_and_op (passive target), so ranks pull runs as they become free and none idles
// while work remains. Built only when CMake found MPI (ICSIM_HAVE_MPI).
#include "app/sweep.hpp"

#ifdef ICSIM_HAVE_MPI
#include <mpi.h>
#endif

namespace icsim::app {

#ifdef ICSIM_HAVE_MPI
namespace {

class MpiQueue final : public WorkQueue {
 public:
  MpiQueue() {
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    MPI_Win_allocate(rank_ == 0 ? static_cast<MPI_Aint>(sizeof(std::int64_t)) : 0, sizeof(std::int64_t),
                     MPI_INFO_NULL, MPI_COMM_WORLD, &base_, &win_);
    if (rank_ == 0) *base_ = 0;
    MPI_Barrier(MPI_COMM_WORLD);
  }
  ~MpiQueue() override { MPI_Win_free(&win_); }
  MpiQueue(const MpiQueue&) = delete;
  MpiQueue& operator=(const MpiQueue&) = delete;

  std::int64_t next() override { return op(1, MPI_SUM); }
  void stop() override { op(std::int64_t{1} << 40, MPI_REPLACE); }
  [[nodiscard]] int rank() const override { return rank_; }
  [[nodiscard]] int size() const override { return size_; }
  void barrier() override { MPI_Barrier(MPI_COMM_WORLD); }
  std::pair<int, std::string> agree(int status, std::string message) override {
    // The lowest failing rank, then its status and message from it to every rank.
    int mine = status != 0 ? rank_ : size_, first = size_;
    MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    if (first == size_) return {0, ""};
    long long length = static_cast<long long>(message.size());
    MPI_Bcast(&status, 1, MPI_INT, first, MPI_COMM_WORLD);
    MPI_Bcast(&length, 1, MPI_LONG_LONG, first, MPI_COMM_WORLD);
    message.resize(static_cast<std::size_t>(length));
    MPI_Bcast(message.data(), static_cast<int>(length), MPI_CHAR, first, MPI_COMM_WORLD);
    return {status, first == 0 ? message : "rank " + std::to_string(first) + ": " + message};
  }
  void abort(int exit_status) override {
    if (size_ > 1) MPI_Abort(MPI_COMM_WORLD, exit_status);
  }
  void reset(std::int64_t /*limit*/) override {
    MPI_Barrier(MPI_COMM_WORLD);
    if (rank_ == 0) {
      MPI_Win_lock(MPI_LOCK_EXCLUSIVE, 0, 0, win_);
      *base_ = 0;
      MPI_Win_unlock(0, win_);
    }
    MPI_Barrier(MPI_COMM_WORLD);
  }

 private:
  std::int64_t op(std::int64_t value, MPI_Op how) {
    // Threads of one rank may ask at once; MPI is initialised with MPI_THREAD_MULTIPLE.
    std::int64_t old = 0;
    MPI_Win_lock(MPI_LOCK_SHARED, 0, 0, win_);
    MPI_Fetch_and_op(&value, &old, MPI_INT64_T, 0, 0, how, win_);
    MPI_Win_unlock(0, win_);
    return old;
  }

  int rank_ = 0, size_ = 1;
  std::int64_t* base_ = nullptr;
  MPI_Win win_ = MPI_WIN_NULL;
};

}  // namespace

std::unique_ptr<WorkQueue> mpi_queue() { return std::make_unique<MpiQueue>(); }
#else
std::unique_ptr<WorkQueue> mpi_queue() { return nullptr; }
#endif

}  // namespace icsim::app
