"""naiadgrade: the Naiad autograder, as a small library.

Each module holds one idea:

    errors      the exceptions that carry a message (set-up, submission)
    labs        reading and checking labs/LAB/lab.toml
    tree        listing and copying the files of a source tree
    submission  reading a submission's hand-in files, within limits
    noweb       chunks of a noweb file, as noweb reads them
    overlay     the tree a submission is built in: the reference book
                with the hand-in's hole bodies
    starter     a lab's starter chapters (holes replaced by stubs)
    sandbox     the bubblewrap sandbox of the build and the emulators
    build       running make with time, CPU and memory limits
    protocol    the lines a kernel prints and the command line it reads:
                the one grammar every program of the tree uses
    image       the disk image's command-line block
    supervise   running an emulator with limits (time, silence, output)
    serialwatch following the serial log while the emulator runs
    qemu, bochs the one place each emulator's command line is written,
                and how it reports its end
    emulator    one boot in either emulator (grader, tools, tests)
    suite       many ktests in one boot (make test and the tests)
    console     a kernel with its console on this terminal (make run)
    bootcli     tools/boot and tools/bochs.py
    verdict     from a run's output to pass/fail and a reason
    runner      the runs of a grading session, in parallel, failing fast
    report      terminal table, results.json, junit.xml, per-run logs
    session     grading one submission, whatever happens
    sweep       the table of --sweep (flaky seeds)
    cli         the `grading/grade` command
    slurm       a batch as a Slurm job array, one task per submission

The contract with the kernel is grading/PROTOCOL.md.  Programs outside
grading/ import this package after `import naiadpath` (tools/).
"""
