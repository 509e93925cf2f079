"""naiadgrade: the Naiad autograder, as a small library.

Each module holds one idea:

    errors      the exception that carries a message for the instructor
    labs        reading and checking labs/LAB/lab.toml
    tree        listing and copying the files of a source tree
    submission  opening a submission (directory or tarball), pristine overlay
    build       running make with a time limit
    supervise   running an emulator with a wall-time limit and output caps
    serialwatch following the serial log while the emulator runs
    qemu, bochs how each emulator is started and how it reports its end
    verdict     from a run's output to pass/fail and a reason
    runner      the runs of a grading session, in parallel
    report      terminal table, results.json, junit.xml, per-run logs
    cli         the `grading/grade` command
    slurm       a batch as a Slurm job array, one task per submission

The contract with the kernel is grading/PROTOCOL.md.
"""
