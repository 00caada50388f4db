print("gotriage")
