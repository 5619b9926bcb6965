module confdreference

go 1.19
