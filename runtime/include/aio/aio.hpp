// All of aio.
#pragma once

#include "async_generator.hpp"
#include "async_mutex.hpp"
#include "create_task.hpp"
#include "event.hpp"
#include "gather.hpp"
#include "io.hpp"
#include "run.hpp"
#include "sleep.hpp"
#include "task.hpp"
#include "to_thread.hpp"
#include "wait_for.hpp"
#include "with.hpp"
