#!/usr/bin/env python
# coding: utf-8

# In[1]:


import numpy as np
import matplotlib.pyplot as plt
get_ipython().run_line_magic('matplotlib', 'inline')


# In[2]:


np.random.seed(2)
N = 150
X = np.vstack([np.random.randn(N, 2) + [1.5, 1.5], np.random.randn(N, 2) - [1.5, 1.5]])
y = np.hstack([np.ones(N), np.zeros(N)]).reshape(-1, 1)


# In[3]:


def sigmoid(z): return 1 / (1 + np.exp(-z))

W1 = np.random.randn(2, 3) * 0.1; b1 = np.zeros((1, 3))
W2 = np.random.randn(3, 1) * 0.1; b2 = np.zeros((1, 1))


# In[4]:


losses = []
for i in range(500):
    A1 = np.tanh(X.dot(W1) + b1)
    A2 = sigmoid(A1.dot(W2) + b2)
    losses.append(-np.mean(y * np.log(A2) + (1 - y) * np.log(1 - A2)))
    dZ2 = A2 - y
    dW2 = A1.T.dot(dZ2) / len(X)
    db2 = dZ2.mean(axis=0, keepdims=True)
    dZ1 = dZ2.dot(W2.T) * (1 - A1)  # BUG(ND109): tanh derivative is 1 - A1 ** 2
    dW1 = X.T.dot(dZ1) / len(X)
    db1 = dZ1.mean(axis=0, keepdims=True)
    W1 -= 0.5 * dW1; b1 -= 0.5 * db1
    W2 -= 0.5 * dW2; b2 -= 0.5 * db2


# In[5]:


plt.plot(losses)
