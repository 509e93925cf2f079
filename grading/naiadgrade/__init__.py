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
    supervise   running an emulator with a wall-time limit and output caps
    serialwatch following the serial log while the emulator runs
    qemu, bochs how each emulator is started and how it reports its end
    verdict     from a run's output to pass/fail and a reason
    runner      the runs of a grading session, in parallel
    report      terminal table, results.json, junit.xml, per-run logs
    session     grading one submission, whatever happens
    cli         the `grading/grade` command
    slurm       a batch as a Slurm job array, one task per submission

The contract with the kernel is grading/PROTOCOL.md.
"""
