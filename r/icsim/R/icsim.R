# Reading icsim's HDF5 outputs into tidy data frames (hdf5r), and running icsim.
#
# HDF5 stores arrays row-major and R column-major: hdf5r returns every array with its
# dimensions reversed (a [time, organisation, specialty] dataset reads as
# [specialty, organisation, time]). icsim_read() undoes that: its rows follow the file's
# labels whatever the order.

.axis_names <- function(group) {
  axes <- strsplit(hdf5r::h5attr(group, "axes"), ",\\s*")[[1]]
  axes[-1]  # the first is time
}

# The dimension scale of each axis in a series' group (an axis used twice has a second name).
.scale_names <- function(axes) {
  out <- axes
  if (length(axes) == 2 && axes[1] == axes[2]) out[2] <- if (axes[1] == "organisation") "destination" else paste0(axes[1], "_2")
  out
}

#' The observables of an output file.
icsim_observables <- function(file) {
  f <- hdf5r::H5File$new(file, mode = "r")
  on.exit(f$close_all())
  names(f[["observables"]])
}

#' One observable of an output file as a tidy data frame: a column per axis (ids), step, date
#' (start_date + days), value, and unit (also the data frame's "units" attribute).
icsim_read <- function(file, observable) {
  f <- hdf5r::H5File$new(file, mode = "r")
  on.exit(f$close_all())
  path <- paste0("observables/", observable)
  if (!f$exists(path)) stop(file, ": has no observable '", observable, "'")
  g <- f[[path]]
  v <- g[["value"]]$read()
  step <- g[["step"]]$read()
  axes <- .axis_names(g)
  scales <- .scale_names(axes)
  labels <- lapply(scales, function(s) g[[s]]$read())
  # as.vector(v) runs over the reversed dimensions, the last file axis fastest: expand.grid
  # varies its first argument fastest, so it gets them reversed too.
  grid_args <- c(rev(stats::setNames(labels, scales)), list(.sample = seq_along(step)))
  grid <- do.call(expand.grid, c(grid_args, list(stringsAsFactors = FALSE, KEEP.OUT.ATTRS = FALSE)))
  start <- as.Date(hdf5r::h5attr(f[["parameters"]], "start_date"))
  unit <- hdf5r::h5attr(g[["value"]], "unit")
  df <- data.frame(grid[scales], step = step[grid$.sample], stringsAsFactors = FALSE)
  df$date <- start + df$step
  df$value <- as.vector(v)
  df$unit <- unit
  attr(df, "units") <- unit
  df
}

#' Runs icsim (the command line) and returns the output folder. `args` are further arguments,
#' e.g. c("--days", "365", "-r", "20").
icsim_run <- function(scenario = NULL, out = "results", args = character(), icsim = Sys.getenv("ICSIM_BIN", "icsim")) {
  status <- system2(icsim, c("run", scenario, "--out", out, "--quiet", args))
  if (status != 0) stop("icsim run exited with status ", status)
  out
}
